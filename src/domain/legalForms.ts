/**
 * Legal forms a company name may carry, per jurisdiction (ISO 3166 code; EU for forms of
 * Union law). Source of the facts: the ISO 20275 Entity Legal Forms (ELF) code list kept
 * by GLEIF — each form's name in its local language(s) and its abbreviation(s) as listed
 * there, plus the English renderings partners commonly write ("Co., Ltd."). Forms written
 * in front of the name ("PT Telkom", "OOO Yandex") are listed under `before`.
 */
export interface JurisdictionLegalForms {
  jurisdiction: string;
  /** Written after the name (the usual place). */
  after: readonly string[];
  /** Written before the name. */
  before?: readonly string[];
  /**
   * Ending a word written before the name: Swedish names begin with a compound of the form and the
   * line of business ("Telefonaktiebolaget LM Ericsson", "Försäkringsaktiebolaget Skandia").
   */
  endingWordBefore?: readonly string[];
}

export const LEGAL_FORMS: readonly JurisdictionLegalForms[] = [
  { jurisdiction: 'US', after: ['Incorporated', 'Inc', 'Corporation', 'Corp', 'Company', 'Co', 'Limited Liability Company', 'LLC', 'L.L.C.', 'Limited Partnership', 'LP', 'Limited Liability Partnership', 'LLP', 'Professional Limited Liability Company', 'PLLC', 'Professional Corporation', 'PC'] },
  { jurisdiction: 'GB', after: ['Public Limited Company', 'PLC', 'Limited', 'Ltd', 'Limited Liability Partnership', 'LLP', 'Community Interest Company', 'CIC'] },
  { jurisdiction: 'IE', after: ['Designated Activity Company', 'DAC', 'Teoranta', 'Teo', 'Cuideachta Phoiblí Theoranta', 'CPT', 'Unlimited Company', 'UC', 'Public Limited Company', 'PLC', 'Limited', 'Ltd'] },
  { jurisdiction: 'CA', after: ['Incorporated', 'Inc', 'Incorporée', 'Limited', 'Ltd', 'Limitée', 'Ltée', 'Corporation', 'Corp', 'Unlimited Liability Corporation', 'ULC'] },
  { jurisdiction: 'AU', after: ['Proprietary Limited', 'Pty Ltd', 'Pty', 'Limited', 'Ltd'] },
  { jurisdiction: 'NZ', after: ['Limited', 'Ltd'] },
  { jurisdiction: 'DE', after: ['Aktiengesellschaft', 'AG', 'Gesellschaft mit beschränkter Haftung', 'GmbH', 'GmbH & Co. KG', 'AG & Co. KG', 'Kommanditgesellschaft', 'KG', 'Kommanditgesellschaft auf Aktien', 'KGaA', 'AG & Co. KGaA', 'Offene Handelsgesellschaft', 'OHG', 'Unternehmergesellschaft (haftungsbeschränkt)', 'UG (haftungsbeschränkt)', 'UG', 'eingetragener Verein', 'e.V.', 'eingetragene Genossenschaft', 'eG'] },
  { jurisdiction: 'AT', after: ['Aktiengesellschaft', 'AG', 'Gesellschaft mit beschränkter Haftung', 'GmbH', 'GesmbH', 'Kommanditgesellschaft', 'KG', 'Offene Gesellschaft', 'OG', 'eingetragene Genossenschaft', 'eGen'] },
  { jurisdiction: 'CH', after: ['Aktiengesellschaft', 'AG', 'Société anonyme', 'SA', 'Società anonima', 'Gesellschaft mit beschränkter Haftung', 'GmbH', 'Société à responsabilité limitée', 'Sàrl', 'Genossenschaft', 'Société coopérative'] },
  { jurisdiction: 'FR', after: ['Société anonyme', 'SA', 'Société par actions simplifiée', 'SAS', 'Société par actions simplifiée unipersonnelle', 'SASU', 'Société à responsabilité limitée', 'SARL', 'Entreprise unipersonnelle à responsabilité limitée', 'EURL', 'Société en nom collectif', 'SNC', 'Société en commandite par actions', 'SCA', 'Société civile immobilière', 'SCI'] },
  { jurisdiction: 'BE', after: ['Naamloze vennootschap', 'NV', 'Besloten vennootschap', 'BV', 'BVBA', 'Société anonyme', 'SA', 'Société à responsabilité limitée', 'SRL', 'SPRL', 'Coöperatieve vennootschap', 'CV', 'Société coopérative', 'SC'] },
  { jurisdiction: 'NL', after: ['Naamloze vennootschap', 'NV', 'N.V.', 'Besloten vennootschap', 'BV', 'B.V.', 'Besloten vennootschap met beperkte aansprakelijkheid', 'Coöperatie U.A.', 'U.A.', 'Vennootschap onder firma', 'VOF', 'Commanditaire vennootschap', 'CV'], before: ['Coöperatieve', 'Cooperatieve', 'Coöperatie', 'Cooperatie'] },
  { jurisdiction: 'LU', after: ['Société anonyme', 'SA', 'Société à responsabilité limitée', 'SARL', 'Société en commandite simple', 'SCS', 'Société en commandite par actions', 'SCA'] },
  { jurisdiction: 'IT', after: ['Società per azioni', 'SpA', 'S.p.A.', 'Società a responsabilità limitata', 'Srl', 'S.r.l.', 'Società a responsabilità limitata semplificata', 'Srls', 'Società in accomandita semplice', 'Sas', 'Società in nome collettivo', 'Snc', 'Società cooperativa', 'Soc. Coop.'] },
  { jurisdiction: 'ES', after: ['Sociedad Anónima', 'SA', 'Sociedad Anónima Unipersonal', 'SAU', 'Sociedad Limitada', 'SL', 'Sociedad de Responsabilidad Limitada', 'SRL', 'Sociedad Limitada Unipersonal', 'SLU', 'Sociedad Cooperativa', 'S. Coop.'] },
  { jurisdiction: 'PT', after: ['Sociedade Anónima', 'SA', 'Sociedade por Quotas', 'Limitada', 'Lda', 'Unipessoal Lda', 'Sociedade Unipessoal por Quotas'] },
  { jurisdiction: 'BR', after: ['Sociedade Anônima', 'S.A.', 'SA', 'Sociedade Limitada', 'Limitada', 'Ltda', 'Empresa Individual de Responsabilidade Limitada', 'EIRELI', 'Microempresa', 'ME', 'Empresa de Pequeno Porte', 'EPP'] },
  { jurisdiction: 'MX', after: ['Sociedad Anónima de Capital Variable', 'S.A. de C.V.', 'Sociedad Anónima Bursátil de Capital Variable', 'S.A.B. de C.V.', 'Sociedad Anónima Promotora de Inversión de Capital Variable', 'S.A.P.I. de C.V.', 'Sociedad de Responsabilidad Limitada de Capital Variable', 'S. de R.L. de C.V.', 'S. de R.L.', 'Sociedad Anónima Bursátil', 'S.A.B.', 'Sociedad Anónima', 'S.A.'] },
  { jurisdiction: 'AR', after: ['Sociedad Anónima', 'SA', 'Sociedad de Responsabilidad Limitada', 'SRL', 'Sociedad por Acciones Simplificada', 'SAS', 'Sociedad Anónima Unipersonal', 'SAU'] },
  { jurisdiction: 'CL', after: ['Sociedad Anónima', 'SA', 'Sociedad por Acciones', 'SpA', 'Sociedad de Responsabilidad Limitada', 'Limitada', 'Ltda', 'Empresa Individual de Responsabilidad Limitada', 'EIRL'] },
  { jurisdiction: 'CO', after: ['Sociedad por Acciones Simplificada', 'SAS', 'S.A.S.', 'Sociedad Anónima', 'SA', 'Sociedad Limitada', 'Ltda'] },
  { jurisdiction: 'PE', after: ['Sociedad Anónima Abierta', 'SAA', 'Sociedad Anónima Cerrada', 'SAC', 'Sociedad Comercial de Responsabilidad Limitada', 'SRL', 'Empresa Individual de Responsabilidad Limitada', 'EIRL'] },
  { jurisdiction: 'SE', after: ['Aktiebolag', 'AB', 'AB (publ)', '(publ)', 'Handelsbolag', 'HB', 'Kommanditbolag', 'KB', 'Ekonomisk förening'], before: ['Aktiebolaget', 'AB'], endingWordBefore: ['aktiebolaget'] },
  { jurisdiction: 'NO', after: ['Aksjeselskap', 'AS', 'Allmennaksjeselskap', 'ASA', 'Ansvarlig selskap', 'ANS', 'Selskap med delt ansvar', 'DA', 'Norskregistrert utenlandsk foretak', 'NUF'] },
  { jurisdiction: 'DK', after: ['Aktieselskab', 'A/S', 'Anpartsselskab', 'ApS', 'Interessentskab', 'I/S', 'Kommanditselskab', 'K/S', 'Partnerselskab', 'P/S'] },
  { jurisdiction: 'FI', after: ['Osakeyhtiö', 'Oy', 'Julkinen osakeyhtiö', 'Oyj', 'Avoin yhtiö', 'Ay', 'Kommandiittiyhtiö', 'Ky', 'Osuuskunta', 'Osk', 'Aktiebolag', 'Ab', 'Abp'] },
  { jurisdiction: 'IS', after: ['Hlutafélag', 'hf', 'Einkahlutafélag', 'ehf', 'Sameignarfélag', 'sf'] },
  { jurisdiction: 'PL', after: ['Spółka Akcyjna', 'S.A.', 'Spółka z ograniczoną odpowiedzialnością', 'Sp. z o.o.', 'Spółka komandytowa', 'Sp.k.', 'Spółka jawna', 'Sp.j.', 'Spółka komandytowo-akcyjna', 'S.K.A.'] },
  { jurisdiction: 'CZ', after: ['Akciová společnost', 'a.s.', 'Společnost s ručením omezeným', 's.r.o.', 'spol. s r.o.', 'Veřejná obchodní společnost', 'v.o.s.', 'Komanditní společnost', 'k.s.'] },
  { jurisdiction: 'SK', after: ['Akciová spoločnosť', 'a.s.', 'Spoločnosť s ručením obmedzeným', 's.r.o.', 'Verejná obchodná spoločnosť', 'v.o.s.'] },
  { jurisdiction: 'HU', after: ['Részvénytársaság', 'Rt', 'Zártkörűen működő részvénytársaság', 'Zrt', 'Nyilvánosan működő részvénytársaság', 'Nyrt', 'Korlátolt felelősségű társaság', 'Kft', 'Betéti társaság', 'Bt', 'Közkereseti társaság', 'Kkt'] },
  { jurisdiction: 'RO', after: ['Societate pe acțiuni', 'SA', 'Societate cu răspundere limitată', 'SRL', 'Societate în nume colectiv', 'SNC'] },
  { jurisdiction: 'BG', after: ['Aktsionerno druzhestvo', 'AD', 'Ednolichno aktsionerno druzhestvo', 'EAD', 'Druzhestvo s ogranichena otgovornost', 'OOD', 'Ednolichno druzhestvo s ogranichena otgovornost', 'EOOD', 'АД', 'ЕАД', 'ООД', 'ЕООД'] },
  { jurisdiction: 'HR', after: ['Dioničko društvo', 'd.d.', 'Društvo s ograničenom odgovornošću', 'd.o.o.', 'Jednostavno društvo s ograničenom odgovornošću', 'j.d.o.o.'] },
  { jurisdiction: 'SI', after: ['Delniška družba', 'd.d.', 'Družba z omejeno odgovornostjo', 'd.o.o.'] },
  { jurisdiction: 'RS', after: ['Akcionarsko društvo', 'a.d.', 'Društvo sa ograničenom odgovornošću', 'd.o.o.'] },
  { jurisdiction: 'GR', after: ['Anonymi Etaireia', 'AE', 'A.E.', 'Etaireia Periorismenis Efthynis', 'EPE', 'Idiotiki Kefalaiouchiki Etaireia', 'IKE', 'Ανώνυμη Εταιρεία', 'ΑΕ', 'ΕΠΕ', 'ΙΚΕ'] },
  { jurisdiction: 'TR', after: ['Anonim Şirketi', 'A.Ş.', 'AŞ', 'Limited Şirketi', 'Ltd. Şti.', 'Ltd Şti'] },
  { jurisdiction: 'RU', after: ['OOO', 'PAO', 'ZAO', 'OAO', 'ООО', 'ПАО', 'ЗАО', 'ОАО'], before: ['Obshchestvo s ogranichennoy otvetstvennostyu', 'OOO', 'Aktsionernoye obshchestvo', 'AO', 'Publichnoye aktsionernoye obshchestvo', 'PAO', 'ZAO', 'OAO', 'ООО', 'АО', 'ПАО', 'ЗАО', 'ОАО'] },
  { jurisdiction: 'UA', after: [], before: ['Tovarystvo z obmezhenoyu vidpovidalnistyu', 'TOV', 'Pryvatne aktsionerne tovarystvo', 'PrAT', 'ТОВ', 'ПрАТ', 'ПАТ'] },
  { jurisdiction: 'JP', after: ['Kabushiki Kaisha', 'KK', 'K.K.', 'Godo Kaisha', 'GK', 'Yugen Kaisha', 'YK', 'Co., Ltd.'], before: ['Kabushiki Kaisha'] },
  { jurisdiction: 'KR', after: ['Chusik Hoesa', 'Jusikhoesa', 'Co., Ltd.', 'Yuhan Hoesa'] },
  { jurisdiction: 'CN', after: ['Youxian Gongsi', 'Gufen Youxian Gongsi', 'Co., Ltd.', 'Company Limited'] },
  { jurisdiction: 'HK', after: ['Limited', 'Ltd', 'Company Limited'] },
  { jurisdiction: 'SG', after: ['Private Limited', 'Pte. Ltd.', 'Pte Ltd', 'Limited', 'Ltd'] },
  { jurisdiction: 'MY', after: ['Sendirian Berhad', 'Sdn. Bhd.', 'Sdn Bhd', 'Berhad', 'Bhd'] },
  { jurisdiction: 'IN', after: ['Private Limited', 'Pvt. Ltd.', 'Pvt Ltd', 'Limited', 'Ltd', 'Limited Liability Partnership', 'LLP', 'One Person Company', 'OPC'] },
  { jurisdiction: 'ID', after: ['Tbk', 'Terbuka'], before: ['Perseroan Terbatas', 'PT', 'Persekutuan Komanditer', 'CV'] },
  { jurisdiction: 'TH', after: ['Public Company Limited', 'PCL', 'Company Limited', 'Co., Ltd.'], before: ['Borisat Chamkat', 'Borisat Chamkat Mahachon'] },
  { jurisdiction: 'PH', after: ['Incorporated', 'Inc', 'Corporation', 'Corp', 'Opc'] },
  { jurisdiction: 'VN', after: ['Joint Stock Company', 'JSC', 'Company Limited', 'Co., Ltd.'], before: ['Công ty TNHH', 'Công ty Cổ phần', 'Công ty'] },
  { jurisdiction: 'ZA', after: ['Proprietary Limited', '(Pty) Ltd', 'Pty Ltd', 'Limited', 'Ltd', 'Non-Profit Company', 'NPC', 'Incorporated', 'Inc', 'Personal Liability Company'] },
  { jurisdiction: 'IL', after: ['Limited', 'Ltd', 'Ba\'am', 'בע"מ'] },
  { jurisdiction: 'AE', after: ['Limited Liability Company', 'LLC', 'L.L.C.', 'Free Zone Establishment', 'FZE', 'Free Zone Company', 'FZCO', 'FZ-LLC', 'Public Joint Stock Company', 'PJSC', 'Private Joint Stock Company', 'PrJSC'] },
  { jurisdiction: 'EG', after: ['Société Anonyme Égyptienne', 'SAE', 'S.A.E.'] },
  { jurisdiction: 'NG', after: ['Public Limited Company', 'PLC', 'Limited', 'Ltd'] },
  { jurisdiction: 'EU', after: ['Societas Europaea', 'SE', 'Societas Cooperativa Europaea', 'SCE', 'European Economic Interest Grouping', 'EEIG', 'EWIV'] },
];
