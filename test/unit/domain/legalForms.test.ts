import { normalizeCompanyName } from '../../../src/domain/customer';
import { LEGAL_FORMS } from '../../../src/domain/legalForms';

/** One row per jurisdiction: a long form and a short form, each removed wherever it is written. */
const EXAMPLES: Record<string, [long: string, short: string]> = {
  US: ['Acme Widgets Incorporated', 'Acme Widgets, LLC'],
  GB: ['Acme Widgets Public Limited Company', 'Acme Widgets Ltd.'],
  IE: ['Acme Widgets Designated Activity Company', 'Acme Widgets DAC'],
  CA: ['Acme Widgets Limitée', 'Acme Widgets Ltée'],
  AU: ['Acme Widgets Proprietary Limited', 'Acme Widgets Pty Ltd'],
  NZ: ['Acme Widgets Limited', 'Acme Widgets Ltd'],
  DE: ['Acme Widgets Gesellschaft mit beschränkter Haftung', 'Acme Widgets GmbH & Co. KG'],
  AT: ['Acme Widgets Offene Gesellschaft', 'Acme Widgets GesmbH'],
  CH: ['Acme Widgets Société à responsabilité limitée', 'Acme Widgets Sàrl'],
  FR: ['Acme Widgets Société par actions simplifiée', 'Acme Widgets SAS'],
  BE: ['Acme Widgets Naamloze vennootschap', 'Acme Widgets SA/NV'],
  NL: ['Acme Widgets Besloten vennootschap', 'Acme Widgets B.V.'],
  LU: ['Acme Widgets Société en commandite simple', 'Acme Widgets SCS'],
  IT: ['Acme Widgets Società per azioni', 'Acme Widgets S.p.A.'],
  ES: ['Acme Widgets Sociedad Limitada', 'Acme Widgets S.L.U.'],
  PT: ['Acme Widgets Sociedade por Quotas', 'Acme Widgets Lda'],
  BR: ['Acme Widgets Sociedade Anônima', 'Acme Widgets Ltda.'],
  MX: ['Acme Widgets Sociedad Anónima Bursátil de Capital Variable', 'Acme Widgets, S.A.B. de C.V.'],
  AR: ['Acme Widgets Sociedad por Acciones Simplificada', 'Acme Widgets S.R.L.'],
  CL: ['Acme Widgets Sociedad por Acciones', 'Acme Widgets SpA'],
  CO: ['Acme Widgets Sociedad por Acciones Simplificada', 'Acme Widgets S.A.S.'],
  PE: ['Acme Widgets Sociedad Anónima Cerrada', 'Acme Widgets S.A.C.'],
  SE: ['Acme Widgets Aktiebolag', 'Acme Widgets AB (publ)'],
  NO: ['Acme Widgets Allmennaksjeselskap', 'Acme Widgets ASA'],
  DK: ['Acme Widgets Anpartsselskab', 'Acme Widgets A/S'],
  FI: ['Acme Widgets Julkinen osakeyhtiö', 'Acme Widgets Oyj'],
  IS: ['Acme Widgets Einkahlutafélag', 'Acme Widgets ehf.'],
  PL: ['Acme Widgets Spółka z ograniczoną odpowiedzialnością', 'Acme Widgets Sp. z o.o.'],
  CZ: ['Acme Widgets Společnost s ručením omezeným', 'Acme Widgets s.r.o.'],
  SK: ['Acme Widgets Akciová spoločnosť', 'Acme Widgets a.s.'],
  HU: ['Acme Widgets Korlátolt felelősségű társaság', 'Acme Widgets Kft.'],
  RO: ['Acme Widgets Societate cu răspundere limitată', 'Acme Widgets S.R.L.'],
  BG: ['Acme Widgets Ednolichno druzhestvo s ogranichena otgovornost', 'Acme Widgets EOOD'],
  HR: ['Acme Widgets Društvo s ograničenom odgovornošću', 'Acme Widgets d.o.o.'],
  SI: ['Acme Widgets Delniška družba', 'Acme Widgets d.d.'],
  RS: ['Acme Widgets Akcionarsko društvo', 'Acme Widgets a.d.'],
  GR: ['Acme Widgets Anonymi Etaireia', 'Acme Widgets A.E.'],
  TR: ['Acme Widgets Anonim Şirketi', 'Acme Widgets A.Ş.'],
  RU: ['Obshchestvo s ogranichennoy otvetstvennostyu Acme Widgets', 'OOO Acme Widgets'],
  UA: ['Tovarystvo z obmezhenoyu vidpovidalnistyu Acme Widgets', 'TOV Acme Widgets'],
  JP: ['Kabushiki Kaisha Acme Widgets', 'Acme Widgets K.K.'],
  KR: ['Acme Widgets Chusik Hoesa', 'Acme Widgets Co., Ltd.'],
  CN: ['Acme Widgets Gufen Youxian Gongsi', 'Acme Widgets Co., Ltd.'],
  HK: ['Acme Widgets Company Limited', 'Acme Widgets Ltd'],
  SG: ['Acme Widgets Private Limited', 'Acme Widgets Pte. Ltd.'],
  MY: ['Acme Widgets Sendirian Berhad', 'Acme Widgets Sdn. Bhd.'],
  IN: ['Acme Widgets Private Limited', 'Acme Widgets Pvt. Ltd.'],
  ID: ['Perseroan Terbatas Acme Widgets Terbuka', 'PT Acme Widgets Tbk'],
  TH: ['Acme Widgets Public Company Limited', 'Acme Widgets PCL'],
  PH: ['Acme Widgets Incorporated', 'Acme Widgets Corp.'],
  VN: ['Công ty Cổ phần Acme Widgets', 'Acme Widgets JSC'],
  ZA: ['Acme Widgets Proprietary Limited', 'Acme Widgets (Pty) Ltd'],
  IL: ['Acme Widgets Limited', 'Acme Widgets Ltd.'],
  AE: ['Acme Widgets Free Zone Establishment', 'Acme Widgets FZ-LLC'],
  EG: ['Acme Widgets Société Anonyme Égyptienne', 'Acme Widgets S.A.E.'],
  NG: ['Acme Widgets Public Limited Company', 'Acme Widgets PLC'],
  EU: ['Acme Widgets Societas Europaea', 'Acme Widgets SE'],
};

describe('legal forms', () => {
  it('cover at least 40 jurisdictions, each with an example here', () => {
    const jurisdictions = LEGAL_FORMS.map((j) => j.jurisdiction);
    expect(new Set(jurisdictions).size).toBeGreaterThanOrEqual(40);
    expect(Object.keys(EXAMPLES).sort()).toEqual([...jurisdictions].sort());
  });

  it.each(Object.entries(EXAMPLES))('%s: long and short forms are removed', (_jurisdiction, [long, short]) => {
    expect(normalizeCompanyName(long)).toBe('acme widgets');
    expect(normalizeCompanyName(short)).toBe('acme widgets');
  });

  it('a form of several words is removed in the middle of a name too', () => {
    expect(normalizeCompanyName('Cemex S.A.B. de C.V. Monterrey')).toBe('cemex monterrey');
    expect(normalizeCompanyName('Müller GmbH & Co. KG Niederlassung Süd')).toBe('mueller niederlassung sued');
  });

  it('a cooperative is named between its forms, with or without the diaeresis', () => {
    expect(normalizeCompanyName('Coöperatieve Rabobank U.A.')).toBe('rabobank');
    expect(normalizeCompanyName('Cooperatieve Rabobank UA')).toBe('rabobank');
  });

  it.each([
    ['AB Volvo', 'Volvo AB'],
    ['PAO Rostelecom', 'Rostelecom PAO'],
  ])('%s: a form written before the name in one country and after it in another is removed in both places', (before, after) => {
    expect(normalizeCompanyName(before)).toBe(normalizeCompanyName(after));
  });

  it('a Swedish compound of the line of business and the form, written before the name, is the form', () => {
    expect(normalizeCompanyName('Telefonaktiebolaget LM Ericsson')).toBe('lm ericsson');
    expect(normalizeCompanyName('Försäkringsaktiebolaget Skandia (publ)')).toBe('skandia');
    expect(normalizeCompanyName('Aktiebolaget')).toBe('aktiebolaget');
  });

  it('a name that is nothing but a form keeps its words', () => {
    expect(normalizeCompanyName('Limited')).toBe('limited');
    expect(normalizeCompanyName('AG')).toBe('ag');
  });

  it('a bare form word inside a name stays a word of the name', () => {
    expect(normalizeCompanyName('AG Barr')).toBe('ag barr');
    expect(normalizeCompanyName('SA Power Networks')).toBe('sa power networks');
  });
});
