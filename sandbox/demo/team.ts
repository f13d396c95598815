/** The demo vendor's team as Trellis users; regional managers match the partners' `managerEmail` (see data.ts). */
export const DEMO_TEAM = [
  { email: 'dana.reyes@northwind.example.com', displayName: 'Dana Reyes', role: 'admin' },
  { email: 'lucas.almeida@northwind.example.com', displayName: 'Lucas Almeida', role: 'partner_manager', scope: { regions: ['LATAM'] } },
  { email: 'ingrid.larsen@northwind.example.com', displayName: 'Ingrid Larsen', role: 'partner_manager', scope: { regions: ['EMEA'] } },
  { email: 'kenji.sato@northwind.example.com', displayName: 'Kenji Sato', role: 'partner_manager', scope: { regions: ['APAC'] } },
  { email: 'sam.rivera@northwind.example.com', displayName: 'Sam Rivera', role: 'sales_rep' },
] as const;
