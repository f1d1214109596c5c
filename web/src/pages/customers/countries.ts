/** ISO 3166-1 alpha-2: the officially assigned country codes (the server accepts exactly these). */
const CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
  'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
  'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
  'YT ZA ZM ZW'
).split(' ');

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Select options "France (FR)", sorted by name. */
export const COUNTRY_OPTIONS = CODES.map((code) => ({
  value: code,
  label: `${countryName(code)} (${code})`,
})).sort((a, b) => a.label.localeCompare(b.label));

const currencyNames = new Intl.DisplayNames(['en'], { type: 'currency', fallback: 'code' });

export function currencyName(code: string): string {
  try {
    return currencyNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Select options "EUR — Euro", by code. */
export const CURRENCY_OPTIONS = Intl.supportedValuesOf('currency').map((code) => ({
  value: code,
  label: `${code} — ${currencyName(code)}`,
}));

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** "French (Belgium)" for `fr-BE`; null when it is not a language code. */
export function languageName(code: string): string | null {
  if (!/^[a-zA-Z]{2,3}(?:[-_][a-zA-Z]{2})?$/.test(code.trim())) return null;
  try {
    return languageNames.of(code.trim().replace('_', '-')) ?? null;
  } catch {
    return null;
  }
}
