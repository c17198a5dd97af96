/** The generator's vocabulary: short common-name lists (no real people), referral sources,
 * categories and the fixed texts of generated records. */
export const FIRST = [
  'Alex',
  'Sam',
  'Jordan',
  'Charlie',
  'Riley',
  'Jamie',
  'Morgan',
  'Casey',
  'Robin',
  'Ellis',
  'Kai',
  'Rowan',
  'Avery',
  'Quinn',
  'Harley',
  'Frankie',
];
export const LAST = [
  'Ashdown',
  'Brookes',
  'Carver',
  'Dunmore',
  'Ellery',
  'Fenwick',
  'Garside',
  'Holloway',
  'Ingram',
  'Jessop',
  'Kettering',
  'Lowther',
  'Marsden',
  'Norbury',
  'Oakley',
  'Pemberton',
  'Quarry',
  'Rushton',
  'Selby',
  'Thornhill',
];
export const SOURCES = ['1A', '1B', '2A', '3A', '3B', '5D', '6'];
export const CATEGORIES = ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'];
export const RATIONALE = 'Generated demonstration decision: rationale recorded by the bulk seeder.';
export const NETWORK = [
  'maternal grandmother',
  'paternal grandmother',
  'aunt',
  'uncle',
  'family friend',
];
export const HARMS = [
  'criminal_exploitation',
  'sexual_exploitation',
  'serious_youth_violence',
  'online_harm',
];
