import { normalizeCompanyName } from '../../../src/domain/customer';

/**
 * Every legal form Trellis recognises, per jurisdiction, as the ISO 20275 (ELF) list and common
 * English renderings write them: a name carrying any of them matches the name without it.
 */
const FORMS: Record<string, { after: string; before?: string }> = {
  US: { after: 'Incorporated|Inc|Corporation|Corp|Company|Co|Limited Liability Company|LLC|L.L.C.|Limited Partnership|LP|Limited Liability Partnership|LLP|Professional Limited Liability Company|PLLC|Professional Corporation|PC' },
  GB: { after: 'Public Limited Company|PLC|Limited|Ltd|Limited Liability Partnership|LLP|Community Interest Company|CIC' },
  IE: { after: 'Designated Activity Company|DAC|Teoranta|Teo|Cuideachta Phoiblí Theoranta|CPT|Unlimited Company|UC|Public Limited Company|PLC|Limited|Ltd' },
  CA: { after: 'Incorporated|Inc|Incorporée|Limited|Ltd|Limitée|Ltée|Corporation|Corp|Unlimited Liability Corporation|ULC' },
  AU: { after: 'Proprietary Limited|Pty Ltd|Pty|Limited|Ltd' },
  NZ: { after: 'Limited|Ltd' },
  DE: { after: 'Aktiengesellschaft|AG|Gesellschaft mit beschränkter Haftung|GmbH|GmbH & Co. KG|AG & Co. KG|Kommanditgesellschaft|KG|Kommanditgesellschaft auf Aktien|KGaA|AG & Co. KGaA|Offene Handelsgesellschaft|OHG|Unternehmergesellschaft (haftungsbeschränkt)|UG (haftungsbeschränkt)|UG|eingetragener Verein|e.V.|eingetragene Genossenschaft|eG' },
  AT: { after: 'Aktiengesellschaft|AG|Gesellschaft mit beschränkter Haftung|GmbH|GesmbH|Kommanditgesellschaft|KG|Offene Gesellschaft|OG|eingetragene Genossenschaft|eGen' },
  CH: { after: 'Aktiengesellschaft|AG|Société anonyme|SA|Società anonima|Gesellschaft mit beschränkter Haftung|GmbH|Société à responsabilité limitée|Sàrl|Genossenschaft|Société coopérative' },
  FR: { after: 'Société anonyme|SA|Société par actions simplifiée|SAS|Société par actions simplifiée unipersonnelle|SASU|Société à responsabilité limitée|SARL|Entreprise unipersonnelle à responsabilité limitée|EURL|Société en nom collectif|SNC|Société en commandite par actions|SCA|Société civile immobilière|SCI' },
  BE: { after: 'Naamloze vennootschap|NV|Besloten vennootschap|BV|BVBA|Société anonyme|SA|Société à responsabilité limitée|SRL|SPRL|Coöperatieve vennootschap|CV|Société coopérative|SC' },
  NL: { after: 'Naamloze vennootschap|NV|N.V.|Besloten vennootschap|BV|B.V.|Besloten vennootschap met beperkte aansprakelijkheid|Coöperatie U.A.|U.A.|Vennootschap onder firma|VOF|Commanditaire vennootschap|CV' },
  LU: { after: 'Société anonyme|SA|Société à responsabilité limitée|SARL|Société en commandite simple|SCS|Société en commandite par actions|SCA' },
  IT: { after: 'Società per azioni|SpA|S.p.A.|Società a responsabilità limitata|Srl|S.r.l.|Società a responsabilità limitata semplificata|Srls|Società in accomandita semplice|Sas|Società in nome collettivo|Snc|Società cooperativa|Soc. Coop.' },
  ES: { after: 'Sociedad Anónima|SA|Sociedad Anónima Unipersonal|SAU|Sociedad Limitada|SL|Sociedad de Responsabilidad Limitada|SRL|Sociedad Limitada Unipersonal|SLU|Sociedad Cooperativa|S. Coop.' },
  PT: { after: 'Sociedade Anónima|SA|Sociedade por Quotas|Limitada|Lda|Unipessoal Lda|Sociedade Unipessoal por Quotas' },
  BR: { after: 'Sociedade Anônima|S.A.|SA|Sociedade Limitada|Limitada|Ltda|Empresa Individual de Responsabilidade Limitada|EIRELI|Microempresa|ME|Empresa de Pequeno Porte|EPP' },
  MX: { after: 'Sociedad Anónima de Capital Variable|S.A. de C.V.|Sociedad Anónima Bursátil de Capital Variable|S.A.B. de C.V.|Sociedad Anónima Promotora de Inversión de Capital Variable|S.A.P.I. de C.V.|Sociedad de Responsabilidad Limitada de Capital Variable|S. de R.L. de C.V.|S. de R.L.|Sociedad Anónima|S.A.' },
  AR: { after: 'Sociedad Anónima|SA|Sociedad de Responsabilidad Limitada|SRL|Sociedad por Acciones Simplificada|SAS|Sociedad Anónima Unipersonal|SAU' },
  CL: { after: 'Sociedad Anónima|SA|Sociedad por Acciones|SpA|Sociedad de Responsabilidad Limitada|Limitada|Ltda|Empresa Individual de Responsabilidad Limitada|EIRL' },
  CO: { after: 'Sociedad por Acciones Simplificada|SAS|S.A.S.|Sociedad Anónima|SA|Sociedad Limitada|Ltda' },
  PE: { after: 'Sociedad Anónima Abierta|SAA|Sociedad Anónima Cerrada|SAC|Sociedad Comercial de Responsabilidad Limitada|SRL|Empresa Individual de Responsabilidad Limitada|EIRL' },
  SE: { after: 'Aktiebolag|AB|AB (publ)|Handelsbolag|HB|Kommanditbolag|KB|Ekonomisk förening' },
  NO: { after: 'Aksjeselskap|AS|Allmennaksjeselskap|ASA|Ansvarlig selskap|ANS|Selskap med delt ansvar|DA|Norskregistrert utenlandsk foretak|NUF' },
  DK: { after: 'Aktieselskab|A/S|Anpartsselskab|ApS|Interessentskab|I/S|Kommanditselskab|K/S|Partnerselskab|P/S' },
  FI: { after: 'Osakeyhtiö|Oy|Julkinen osakeyhtiö|Oyj|Avoin yhtiö|Ay|Kommandiittiyhtiö|Ky|Osuuskunta|Osk|Aktiebolag|Ab|Abp' },
  IS: { after: 'Hlutafélag|hf|Einkahlutafélag|ehf|Sameignarfélag|sf' },
  PL: { after: 'Spółka Akcyjna|S.A.|Spółka z ograniczoną odpowiedzialnością|Sp. z o.o.|Spółka komandytowa|Sp.k.|Spółka jawna|Sp.j.|Spółka komandytowo-akcyjna|S.K.A.' },
  CZ: { after: 'Akciová společnost|a.s.|Společnost s ručením omezeným|s.r.o.|spol. s r.o.|Veřejná obchodní společnost|v.o.s.|Komanditní společnost|k.s.' },
  SK: { after: 'Akciová spoločnosť|a.s.|Spoločnosť s ručením obmedzeným|s.r.o.|Verejná obchodná spoločnosť|v.o.s.' },
  HU: { after: 'Részvénytársaság|Rt|Zártkörűen működő részvénytársaság|Zrt|Nyilvánosan működő részvénytársaság|Nyrt|Korlátolt felelősségű társaság|Kft|Betéti társaság|Bt|Közkereseti társaság|Kkt' },
  RO: { after: 'Societate pe acțiuni|SA|Societate cu răspundere limitată|SRL|Societate în nume colectiv|SNC' },
  BG: { after: 'Aktsionerno druzhestvo|AD|Ednolichno aktsionerno druzhestvo|EAD|Druzhestvo s ogranichena otgovornost|OOD|Ednolichno druzhestvo s ogranichena otgovornost|EOOD|АД|ЕАД|ООД|ЕООД' },
  HR: { after: 'Dioničko društvo|d.d.|Društvo s ograničenom odgovornošću|d.o.o.|Jednostavno društvo s ograničenom odgovornošću|j.d.o.o.' },
  SI: { after: 'Delniška družba|d.d.|Družba z omejeno odgovornostjo|d.o.o.' },
  RS: { after: 'Akcionarsko društvo|a.d.|Društvo sa ograničenom odgovornošću|d.o.o.' },
  GR: { after: 'Anonymi Etaireia|AE|A.E.|Etaireia Periorismenis Efthynis|EPE|Idiotiki Kefalaiouchiki Etaireia|IKE|Ανώνυμη Εταιρεία|ΑΕ|ΕΠΕ|ΙΚΕ' },
  TR: { after: 'Anonim Şirketi|A.Ş.|AŞ|Limited Şirketi|Ltd. Şti.|Ltd Şti' },
  RU: { after: '', before: 'Obshchestvo s ogranichennoy otvetstvennostyu|OOO|Aktsionernoye obshchestvo|AO|Publichnoye aktsionernoye obshchestvo|PAO|ZAO|OAO|ООО|АО|ПАО|ЗАО|ОАО' },
  UA: { after: '', before: 'Tovarystvo z obmezhenoyu vidpovidalnistyu|TOV|Pryvatne aktsionerne tovarystvo|PrAT|ТОВ|ПрАТ|ПАТ' },
  JP: { after: 'Kabushiki Kaisha|KK|K.K.|Godo Kaisha|GK|Yugen Kaisha|YK|Co., Ltd.', before: 'Kabushiki Kaisha' },
  KR: { after: 'Chusik Hoesa|Jusikhoesa|Co., Ltd.|Yuhan Hoesa' },
  CN: { after: 'Youxian Gongsi|Gufen Youxian Gongsi|Co., Ltd.|Company Limited' },
  HK: { after: 'Limited|Ltd|Company Limited' },
  SG: { after: 'Private Limited|Pte. Ltd.|Pte Ltd|Limited|Ltd' },
  MY: { after: 'Sendirian Berhad|Sdn. Bhd.|Sdn Bhd|Berhad|Bhd' },
  IN: { after: 'Private Limited|Pvt. Ltd.|Pvt Ltd|Limited|Ltd|Limited Liability Partnership|LLP|One Person Company|OPC' },
  ID: { after: 'Tbk|Terbuka', before: 'Perseroan Terbatas|PT|Persekutuan Komanditer|CV' },
  TH: { after: 'Public Company Limited|PCL|Company Limited|Co., Ltd.', before: 'Borisat Chamkat|Borisat Chamkat Mahachon' },
  PH: { after: 'Incorporated|Inc|Corporation|Corp|Opc' },
  VN: { after: 'Joint Stock Company|JSC|Company Limited|Co., Ltd.', before: 'Công ty TNHH|Công ty Cổ phần|Công ty' },
  ZA: { after: 'Proprietary Limited|(Pty) Ltd|Pty Ltd|Limited|Ltd|Non-Profit Company|NPC|Incorporated|Inc|Personal Liability Company' },
  IL: { after: 'Limited|Ltd|Ba\'am|בע"מ' },
  AE: { after: 'Limited Liability Company|LLC|L.L.C.|Free Zone Establishment|FZE|Free Zone Company|FZCO|FZ-LLC|Public Joint Stock Company|PJSC|Private Joint Stock Company|PrJSC' },
  EG: { after: 'Société Anonyme Égyptienne|SAE|S.A.E.' },
  NG: { after: 'Public Limited Company|PLC|Limited|Ltd' },
  EU: { after: 'Societas Europaea|SE|Societas Cooperativa Europaea|SCE|European Economic Interest Grouping|EEIG|EWIV' },
};

const split = (forms: string | undefined) => (forms ? forms.split('|') : []);
const cases = Object.entries(FORMS).flatMap(([jurisdiction, { after, before }]) => [
  ...split(after).map((form) => [jurisdiction, `Acme Widgets ${form}`] as const),
  ...split(before).map((form) => [jurisdiction, `${form} Acme Widgets`] as const),
]);

describe('every legal form of every jurisdiction', () => {
  it.each(cases)('%s: “%s” is Acme Widgets', (_jurisdiction, name) => {
    expect(normalizeCompanyName(name)).toBe('acme widgets');
  });
});
