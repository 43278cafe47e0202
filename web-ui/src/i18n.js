// i18n.js - the page's labels in Arabic (the default, right to left) and
// English (left to right), and the names of ACLED event types.

const ar = {
  title: 'رصد', from: 'من', to: 'إلى', type: 'النوع', actor: 'الفاعل', admin1: 'المحافظة',
  country: 'البلد', text: 'بحث', min_fatalities: 'قتلى ≥', apply: 'تطبيق', reset: 'مسح',
  export_csv: 'تصدير CSV', export_geojson: 'تصدير GeoJSON', any: 'الكل',
  brush_hint: 'اسحب على الخط الزمني لتحديد فترة', clear_dates: 'كل التواريخ',
  col_date: 'التاريخ', col_type: 'النوع', col_actors: 'الفاعلون', col_place: 'المكان',
  col_fatalities: 'القتلى', col_sources: 'المصادر', prev: 'السابق', next: 'التالي',
  close: 'إغلاق', articles: 'المقالات', events: 'حدث', fatalities: 'قتيل',
  page: (a, b, n) => `${a}–${b} من ${n}`, evidence: 'الدليل', sources: 'المصادر',
  article: 'المقال', trigger: 'الكلمة', sentence: 'الجملة', no_events: 'لا أحداث لهذا المرشح',
  bad_offsets: 'إزاحات الدليل لا تطابق النص', precision: 'الدقة', confidence: 'الثقة',
  modality: 'الصيغة', location: 'المكان', lang: 'English', undated: 'بلا تاريخ',
  all_events: 'كل الأحداث', fatalities_series: 'القتلى', review: 'مراجعة',
  not_rejected: 'غير المرفوضة', status_unreviewed: 'غير مراجَع', status_accepted: 'مقبول',
  status_corrected: 'مصحَّح', status_rejected: 'مرفوض', recheck: 'يحتاج إعادة تدقيق',
  accept: 'قبول', reject: 'رفض', undo: 'تراجع', correct_fatalities: 'تصحيح عدد القتلى',
  history: 'سجل المراجعة', token: 'رمز الدخول', login: 'دخول',
  'reason_not-event': 'ليس حدثا', reason_duplicate: 'مكرر',
  'reason_wrong-type': 'نوع خاطئ', reason_history: 'تاريخ', 'reason_plan-or-threat': 'خطة أو تهديد',
  reason_statistic: 'إحصاء', reason_accident: 'حادث', 'reason_off-topic': 'خارج الموضوع', reason_other: 'غير ذلك',
};
const en = {
  title: 'rasd', from: 'From', to: 'To', type: 'Type', actor: 'Actor', admin1: 'Governorate',
  country: 'Country', text: 'Search', min_fatalities: 'Killed ≥', apply: 'Apply', reset: 'Reset',
  export_csv: 'Export CSV', export_geojson: 'Export GeoJSON', any: 'Any',
  brush_hint: 'Drag on the timeline to choose a period', clear_dates: 'All dates',
  col_date: 'Date', col_type: 'Type', col_actors: 'Actors', col_place: 'Place',
  col_fatalities: 'Killed', col_sources: 'Sources', prev: 'Previous', next: 'Next',
  close: 'Close', articles: 'Articles', events: 'events', fatalities: 'killed',
  page: (a, b, n) => `${a}–${b} of ${n}`, evidence: 'Evidence', sources: 'Sources',
  article: 'Article', trigger: 'Trigger', sentence: 'Sentence', no_events: 'No events for this filter',
  bad_offsets: 'The evidence offsets do not fit the text', precision: 'Precision', confidence: 'Confidence',
  modality: 'Modality', location: 'Place', lang: 'العربية', undated: 'undated',
  all_events: 'All events', fatalities_series: 'Killed', review: 'Review',
  not_rejected: 'Not rejected', status_unreviewed: 'Unreviewed', status_accepted: 'Accepted',
  status_corrected: 'Corrected', status_rejected: 'Rejected', recheck: 'Needs a re-check',
  accept: 'Accept', reject: 'Reject', undo: 'Undo', correct_fatalities: 'Correct the toll',
  history: 'Review history', token: 'Token', login: 'Log in',
  'reason_not-event': 'not an event', reason_duplicate: 'duplicate', 'reason_wrong-type': 'wrong type',
  reason_history: 'history', 'reason_plan-or-threat': 'plan or threat', reason_statistic: 'statistic',
  reason_accident: 'accident', 'reason_off-topic': 'off topic', reason_other: 'other',
};

export const TYPES = {
  'Battles': { ar: 'معارك', color: '#c0392b' },
  'Explosions/Remote violence': { ar: 'انفجارات / عنف عن بعد', color: '#e67e22' },
  'Violence against civilians': { ar: 'عنف ضد المدنيين', color: '#8e44ad' },
  'Protests': { ar: 'احتجاجات', color: '#2980b9' },
  'Riots': { ar: 'أعمال شغب', color: '#16a085' },
  'Strategic developments': { ar: 'تطورات استراتيجية', color: '#7f8c8d' },
};

let lang = 'ar';
export function setLang(l) {
  lang = l === 'en' ? 'en' : 'ar';
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'en' ? 'ltr' : 'rtl';
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const v = (lang === 'en' ? en : ar)[e.dataset.i18n];
    if (typeof v === 'string') e.textContent = v;
  }
  document.getElementById('lang').textContent = t('lang');
}
export function getLang() {
  return lang;
}
export function t(key, ...args) {
  const v = (lang === 'en' ? en : ar)[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}
export function typeName(type) {
  if (!type) return '';
  return lang === 'en' ? type : TYPES[type]?.ar ?? type;
}
export function typeColor(type) {
  return TYPES[type]?.color ?? '#555';
}
