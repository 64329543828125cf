/**
 * A made-up registry (codes no real unit has: GSO province codes stop at 96,
 * districts below 980, communes below 32300) with the 2025 reorganisation:
 *   98101 Xã An Bình  = 98001 + 98002 + part of 98003           (a `:part` predecessor)
 *   98102 Xã Cát Dương = part of 98003 + 98004 (98004 only from 2022: a predecessor missing years)
 *   98005 Xã Đông Hải keeps its code; its parent becomes the province
 *   98201 Xã Đại An   = 98101 + 98005 in 2027                   (descent through two reorganisations)
 */
export const TEST_REGISTRY_CSV = `code,name,level,parent,from,to,predecessors
98,Tỉnh Thử Nghiệm,province,,,,
980,Huyện Đông,district,98,,2024,
981,Huyện Tây,district,98,,2024,
98001,Xã An,commune,980,,2024,
98002,Xã Bình,commune,980,,2024,
98003,Xã Cát,commune,981,,2024,
98004,Xã Dương,commune,981,2022,2024,
98005,Xã Đông Hải,commune,981,,2024,
98101,Xã An Bình,commune,98,2025,2026,98001 98002 98003:part
98102,Xã Cát Dương,commune,98,2025,,98003:part 98004
98005,Xã Đông Hải,commune,98,2025,2026,
98201,Xã Đại An,commune,98,2027,,98101 98005
`;
