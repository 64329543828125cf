import { frameworkSchema, type Framework } from '../../src/framework/schema.js';

/** A small PAPI-like framework for template and sample tests (3 dimensions, 6 sub-dimensions). */
export function smallFramework(): Framework {
  return frameworkSchema.parse({
    id: 'papi-test',
    nameVi: 'Chỉ số thử nghiệm',
    nameEn: 'Test index',
    dimensions: [
      { code: '1', nameVi: 'Tham gia của người dân ở cấp cơ sở', nameEn: 'Participation at local levels' },
      { code: '5', nameVi: 'Thủ tục hành chính công', nameEn: 'Public administrative procedures' },
      { code: '8', nameVi: 'Quản trị điện tử', nameEn: 'E-governance' },
    ],
    subdimensions: [
      { code: '1a', dimension: '1', nameVi: 'Tri thức công dân', nameEn: 'Civic knowledge' },
      { code: '1b', dimension: '1', nameVi: 'Cơ hội tham gia', nameEn: 'Opportunities for participation' },
      { code: '5a', dimension: '5', nameVi: 'Chứng thực, xác nhận', nameEn: 'Certification' },
      { code: '5c', dimension: '5', nameVi: 'Cấp giấy chứng nhận quyền sử dụng đất', nameEn: 'Land-use rights certificates' },
      { code: '8a', dimension: '8', nameVi: 'Sử dụng cổng thông tin điện tử', nameEn: 'Use of e-portals' },
      { code: '8b', dimension: '8', nameVi: 'Tiếp cận và sử dụng Internet', nameEn: 'Internet access' },
    ],
    items: [
      { code: 'd1a_01', subdimension: '1a', type: 'binary', min: 0, max: 1, direction: '+', missing: [98], zero: [9],
        textVi: 'Ông/bà đã từng nghe về Luật Thực hiện dân chủ ở cơ sở chưa?', textEn: 'Have you heard of the Law on Grassroots Democracy?',
        options: [{ value: 9, labelVi: 'Không biết', labelEn: "Don't know" }] },
      { code: 'd1a_02', subdimension: '1a', type: 'scale', min: 1, max: 5, direction: '+', missing: [9, 98],
        textVi: 'Ông/bà hiểu biết thế nào về nhiệm kỳ của trưởng thôn?', textEn: 'How well do you know the term of the village head?' },
      { code: 'd1b_01', subdimension: '1b', type: 'binary', min: 0, max: 1, direction: '+', missing: [9],
        textVi: 'Ông/bà có tham gia bầu cử trưởng thôn không?', textEn: 'Did you vote in the village-head election?' },
      { code: 'd1b_02', subdimension: '1b', type: 'scale', min: 1, max: 4, direction: '+', missing: [9], weight: 2,
        textVi: 'Mức độ tham gia góp ý kế hoạch của xã', textEn: 'Participation in commenting on the commune plan' },
      { code: 'd5a_01', subdimension: '5a', type: 'number', min: 0, max: 30, direction: '-', missing: [98, 99], unit: 'ngày / days',
        textVi: 'Ông/bà phải chờ bao nhiêu ngày để được chứng thực?', textEn: 'How many days did you wait for the certification?' },
      { code: 'd5a_02', subdimension: '5a', type: 'binary', min: 0, max: 1, direction: '-', missing: [9],
        textVi: 'Có phải chi thêm tiền ngoài quy định không?', textEn: 'Did you have to pay extra unofficial money?' },
      { code: 'd5c_01', subdimension: '5c', type: 'binary', min: 0, max: 1, direction: '-', missing: [9],
        textVi: 'Có phải chi thêm tiền ngoài quy định khi làm thủ tục cấp GCNQSDĐ không?', textEn: 'Did you pay extra when applying for a land-use certificate?' },
      { code: 'd5c_02', subdimension: '5c', type: 'number', min: 0, max: 90, direction: '-', missing: [998],
        textVi: 'Thời gian chờ cấp GCNQSDĐ (ngày)', textEn: 'Days waited for the land-use certificate' },
      { code: 'd8a_01', subdimension: '8a', type: 'binary', min: 0, max: 1, direction: '+', missing: [9],
        textVi: 'Ông/bà có sử dụng cổng thông tin điện tử của chính quyền không?', textEn: 'Do you use the local government e-portal?' },
      { code: 'd8a_02', subdimension: '8a', type: 'scale', min: 1, max: 5, direction: '+', missing: [9],
        textVi: 'Mức độ dễ sử dụng của cổng thông tin', textEn: 'How easy is the e-portal to use?',
        options: [{ value: 1, labelVi: 'Rất khó', labelEn: 'Very hard' }, { value: 5, labelVi: 'Rất dễ', labelEn: 'Very easy' }] },
      { code: 'd8b_01', subdimension: '8b', type: 'binary', min: 0, max: 1, direction: '+', missing: [9],
        textVi: 'Có sử dụng Internet ở nhà không?', textEn: 'Do you use the Internet at home?' },
      { code: 'd8b_02', subdimension: '8b', type: 'number', min: 0, max: 24, direction: '+', missing: [99],
        textVi: 'Số giờ dùng Internet mỗi ngày', textEn: 'Hours online per day' },
    ],
  });
}
