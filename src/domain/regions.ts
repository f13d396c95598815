import type { Region } from './partner';

const NORTH_AMERICA = new Set(['US', 'CA', 'PM', 'BM', 'GL', 'UM']);
const LATIN_AMERICA = new Set(
  ('MX GT BZ SV HN NI CR PA CU DO HT JM BS BB TT AG DM GD KN LC VC AI AW BQ CW SX VG VI KY MS TC PR BL MF GP MQ ' +
    'CO VE EC PE BO CL AR UY PY BR GY SR GF FK GS').split(' '),
);
const ASIA_PACIFIC = new Set(
  ('CN HK MO TW JP KR KP MN IN PK BD LK NP BT MV AF ID MY SG TH VN PH KH LA MM BN TL AU NZ PG FJ SB VU NC PF WS TO ' +
    'KI TV NR FM MH PW GU MP AS CK NU TK WF PN NF CX CC HM IO KZ KG TJ TM UZ').split(' '),
);

/** The sales region a customer's country falls in; Europe, the Middle East and Africa are everything else. */
export function regionOfCountry(country: string): Region {
  const code = country.toUpperCase();
  if (NORTH_AMERICA.has(code)) return 'NA';
  if (LATIN_AMERICA.has(code)) return 'LATAM';
  if (ASIA_PACIFIC.has(code)) return 'APAC';
  return 'EMEA';
}

/** The region a lead is in: the one given, else its country's, else unknown. */
export const regionOfLead = (region: Region | null | undefined, country: string | null | undefined): Region | null =>
  region ?? (country ? regionOfCountry(country) : null);
