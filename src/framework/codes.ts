/**
 * The closed lists of the Codebook's `type` and `direction` columns, without
 * zod: ingest checks them on every workbook, and importing zod (about 60 ms of
 * module loading) just for two lists would be most of the CLI's start-up.
 * schema.ts builds its zod enums from these same lists.
 */

export const ITEM_TYPES = ['binary', 'scale', 'number'] as const;
export const DIRECTIONS = ['+', '-'] as const;

export type ItemType = (typeof ITEM_TYPES)[number];
export type Direction = (typeof DIRECTIONS)[number];

export function isItemType(value: string): value is ItemType {
  return (ITEM_TYPES as readonly string[]).includes(value);
}

export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}
