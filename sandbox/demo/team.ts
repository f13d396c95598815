/** The demo vendor's team as Trellis users; regional managers match the partners' `managerEmail` (see data.ts). */
export const DEMO_TEAM = [
  { email: 'dana.reyes@northwind.example.com', displayName: 'Dana Reyes', role: 'admin' },
  { email: 'lucas.almeida@northwind.example.com', displayName: 'Lucas Almeida', role: 'partner_manager', scope: { regions: ['LATAM'] } },
  { email: 'ingrid.larsen@northwind.example.com', displayName: 'Ingrid Larsen', role: 'partner_manager', scope: { regions: ['EMEA'] } },
  { email: 'kenji.sato@northwind.example.com', displayName: 'Kenji Sato', role: 'partner_manager', scope: { regions: ['APAC'] } },
  { email: 'sam.rivera@northwind.example.com', displayName: 'Sam Rivera', role: 'sales_rep' },
  { email: 'priya.nair@northwind.example.com', displayName: 'Priya Nair', role: 'sales_rep' },
  { email: 'tomas.ortega@northwind.example.com', displayName: 'Tomás Ortega', role: 'sales_rep' },
] as const;

/** The sales reps who register partners' deals from the CRM: asked for details, they are the ones mailed. */
export const DEMO_SALES_REPS = DEMO_TEAM.filter((person) => person.role === 'sales_rep').map((person) => person.email);
