/**
 * Phrase banks for synthetic content (synthetic-content.ts): places, people, service
 * lines, conditions and sentence templates. Every name here is invented; phone numbers use the
 * 555-01xx range reserved for fiction.
 */
import type { MEDICAL_SPECIALTIES } from '../../../src/lib/content/schemas.ts';

/** The credentials synthetic providers hold (a writer may give any). */
export type Credential =
  | 'MD' | 'DO' | 'NP' | 'PA-C' | 'RN' | 'PT' | 'DPT' | 'OT' | 'DDS' | 'DMD' | 'RDH' | 'PhD' | 'PsyD' | 'LCSW'
  | 'LPC' | 'LMFT' | 'OD' | 'PharmD' | 'RD' | 'MPH' | 'FAAP' | 'FACP';
export type MedicalSpecialty = (typeof MEDICAL_SPECIALTIES)[number];

export interface CityBank {
  name: string;
  /** Two area codes: 555-0100 to 555-0199 in each gives 200 fictional numbers per city. */
  areaCodes: [string, string];
  zip: number;
  latitude: number;
  longitude: number;
}

export const REGION = 'WA';
export const TIME_ZONE = 'America/Los_Angeles';

export const CITIES: CityBank[] = [
  { name: 'Riverton', areaCodes: ['206', '564'], zip: 98101, latitude: 47.61, longitude: -122.33 },
  { name: 'Lakemont', areaCodes: ['425', '360'], zip: 98004, latitude: 47.61, longitude: -122.2 },
  { name: 'Fairhaven', areaCodes: ['253', '509'], zip: 98402, latitude: 47.25, longitude: -122.44 },
  { name: 'Brookdale', areaCodes: ['360', '425'], zip: 98501, latitude: 47.04, longitude: -122.9 },
  { name: 'Ashford', areaCodes: ['509', '253'], zip: 98201, latitude: 47.98, longitude: -122.2 },
  { name: 'Millbrook', areaCodes: ['564', '206'], zip: 98661, latitude: 45.64, longitude: -122.66 },
  { name: 'Clearwater', areaCodes: ['206', '360'], zip: 98225, latitude: 48.75, longitude: -122.48 },
  { name: 'Stanwood', areaCodes: ['425', '509'], zip: 98901, latitude: 46.6, longitude: -120.51 },
  { name: 'Westbury', areaCodes: ['253', '564'], zip: 98310, latitude: 47.57, longitude: -122.63 },
  { name: 'Oakridge', areaCodes: ['360', '206'], zip: 99201, latitude: 47.66, longitude: -117.43 },
];

export const NEIGHBORHOOD_FIRST = [
  'Maple', 'Cedar', 'Willow', 'Alder', 'Birch', 'Juniper', 'Hazel', 'Aspen', 'Laurel', 'Spruce', 'Magnolia', 'Linden',
  'Sycamore', 'Chestnut', 'Hawthorn', 'Rowan', 'Elm', 'Harbor', 'Bayview', 'Lakeview', 'Riverway', 'Fox', 'Heron',
  'Kestrel', 'Sparrow', 'Orchard', 'Meadow', 'Prairie', 'Granite', 'Copper', 'Silver', 'Summit', 'Canyon', 'Pioneer',
  'Beacon', 'Lantern', 'Mill', 'Station', 'Union', 'Garden', 'Clover', 'Thistle', 'Fern', 'Sunset', 'Northend',
  'Eastlake', 'Southend', 'Westgate',
] as const;

export const NEIGHBORHOOD_SECOND = [
  'Hill', 'Park', 'Crossing', 'Heights', 'Commons', 'Landing', 'Square', 'Point', 'Village', 'Ridge', 'Grove', 'Green',
  'Junction', 'Terrace', 'Valley', 'Court',
] as const;

export const STREET_NAMES = [
  'Alder', 'Beech', 'Cascade', 'Dogwood', 'Evergreen', 'Fir', 'Garfield', 'Holly', 'Ivy', 'Jefferson', 'Kingfisher',
  'Lincoln', 'Madrona', 'Nettle', 'Olympic', 'Pacific', 'Quarry', 'Rainier', 'Salmonberry', 'Tamarack', 'Umpqua',
  'Vashon', 'Whidbey', 'Yakima', 'Columbia', 'Skagit', 'Chinook', 'Pinecrest', 'Ferry', 'Railroad', 'Market', 'Mill Creek',
  'Orchard', 'Hillcrest', 'Lakeshore', 'Riverbend', 'Meridian', 'Harrison', 'Franklin', 'Grant', 'Main', 'Commerce',
] as const;

export const STREET_TYPES = ['Street', 'Avenue', 'Way', 'Road', 'Boulevard', 'Lane', 'Place', 'Drive'] as const;
export const STREET_DIRECTIONS = ['', 'N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW'] as const;

export const LANDMARKS = [
  'the public library', 'the farmers market', 'the community pool', 'the old grain elevator', 'the high school stadium',
  'the river trail', 'the fire station', 'the food co-op', 'the post office', 'the skate park', 'the ferry terminal',
  'the county courthouse', 'the bike shop on the corner', 'the community college', 'the hardware store',
  'the children’s museum', 'the bakery with the blue awning', 'the senior center', 'the botanical garden',
  'the ice rink', 'the transit center', 'the shopping center', 'the city hall plaza', 'the covered bridge',
  'the church with the tall steeple', 'the recreation center', 'the marina', 'the water tower', 'the train depot',
  'the county fairgrounds',
] as const;

export const BUILDING_FEATURES = [
  'a brick two-story building', 'a single-story building with a green roof', 'a converted bank building',
  'the ground floor of a medical office tower', 'a low building set back behind a row of maples',
  'a former schoolhouse, renovated in 2019', 'a glass-fronted building across from a small park',
  'a wood-sided building with a covered entrance', 'the second floor above a pharmacy', 'a corner building with tall windows',
  'a new three-story building with a rooftop garden', 'a shared building with a dental office and a bank',
] as const;

export const BUS_ROUTES = ['2', '3', '5', '7', '8', '10', '12', '14', '17', '20', '22', '31', '44', '48', '62', '70', '75', '101'] as const;

export const PARKING_TEMPLATES = [
  'A free lot next to the building has {spaces} spaces, {accessible} of them accessible and close to the door.',
  'Park in the garage under the building; bring your ticket to the front desk and we will validate it.',
  'Street parking is free on {street} after 9 a.m. A small lot behind the clinic fills up by mid-morning.',
  'The shared lot in front of the building is free for patients. Accessible spaces are at the main entrance.',
  'There is a two-hour lot across {street}. Bike racks are by the front door, under cover.',
  'Patients park free in the lower level of the parking structure. Take the elevator to the lobby.',
  'Use the visitor spaces marked in blue. On busy weekday mornings, the church lot next door is open to patients.',
  'A drop-off circle by the entrance lets a driver leave you at the door, then park in the lot on the east side.',
  'Free parking in the surface lot, with {accessible} accessible spaces and two spaces for electric cars.',
  'Paid street parking nearby; the meters take cards and the first hour is free on weekends.',
] as const;

export const PARKING_EXTRAS = [
  'Spaces for people with a disabled parking permit are closest to the ramp.',
  'Motorcycles and scooters may park by the bike racks.',
  'Parking attendants can help with a wheelchair from your car.',
  'The lot is well lit in the evening.',
  'Please do not park in the spaces for the bank next door.',
  'Overnight parking is not allowed.',
  'Most people find a spot within a few minutes.',
  'Ride-share drivers can stop at the front curb.',
] as const;

export const ACCESSIBILITY_TEMPLATES = [
  'Step-free entrance with automatic doors. All exam rooms are on the {floor} floor.',
  'A ramp leads to the main entrance, and an elevator serves every floor.',
  'The entrance is level with the sidewalk. Wide hallways fit wheelchairs and strollers.',
  'An elevator near the lobby goes to the clinic on the {floor} floor. Restrooms are accessible.',
  'Automatic doors at the front and side entrances. Wheelchairs are available at the front desk.',
  'All public areas are step-free, with handrails along the main hallway.',
] as const;

export const ACCESSIBILITY_EXTRAS = [
  'Interpreters are free, in person or by video, in more than 100 languages.',
  'We have an exam table that lowers to wheelchair height.',
  'Service animals are welcome.',
  'Ask for a quiet room if noise or bright light is hard for you.',
  'Large-print forms and a hearing loop are at the front desk.',
  'There is a family restroom with a changing table.',
  'A sign language interpreter can join your visit if you ask when you book.',
  'Chairs with arms are in every waiting area.',
] as const;

export const DIRECTIONS_TEMPLATES = [
  'Across the street from {landmark}. Bus {bus} stops at the corner.',
  'Two blocks north of {landmark}, on the east side of {street}.',
  'Next to {landmark}. Bus lines {bus} and {bus2} stop half a block away.',
  'Behind {landmark}; the entrance faces {street}.',
  'On {street}, between {landmark} and the gas station. Bus {bus} stops in front.',
  'A five-minute walk from {landmark}. Follow the signs to the clinic entrance on the side of the building.',
  'At the corner of {street} and {street2}, near {landmark}.',
  'Look for the blue awning a block past {landmark}. Bus {bus} stops across the street.',
] as const;

export const LOCATION_BODY_SENTENCES = [
  'The {neighborhood} clinic is in {building} on {street}, a short walk from {landmark}.',
  'Many patients walk or bike here from the nearby {area} neighborhoods.',
  'The waiting room looks out on {landmark}, and there is a small play corner for children.',
  'The clinic opened in {year} to bring care closer to families in {city}’s {direction} side.',
  'Our front desk team knows the neighborhood well and can help you find the right bus or parking spot.',
  'Lab tests can often be done during your visit, so you do not need a second trip.',
  'Evening hours on {lateDay} help people who work during the day.',
  'A pharmacy on the ground floor can fill prescriptions before you head home.',
  'The building was renovated with wide doors, bright signs and quiet rooms for people who need a calmer space.',
  'Parents can bring strollers straight into the exam rooms.',
  'Staff here speak {language} as well as English, and interpreters are free for any language.',
  'Many of our clinicians live in {city} and have cared for neighborhood families for years.',
  'There is a water bottle filler and a coffee cart in the lobby.',
  'The clinic is close to the {area} schools, which makes after-school visits easier.',
  'If you are coming from {city} downtown, allow about {minutes} minutes by bus.',
  'Our care team meets every morning to plan the day, so same-day appointments open up quickly when someone cancels.',
  'The community room hosts free classes on healthy cooking and staying active.',
  'Visitors often mention the mural by a local artist in the main hallway.',
  'We share the building with a physical therapy gym and a counseling office.',
  'A covered bench by the entrance is a dry place to wait for a ride.',
] as const;

export const INSURANCE_PLANS = [
  'Medicare', 'Washington Apple Health (Medicaid)', 'Cascade Mutual', 'Evergreen Benefit Plan', 'Puget Health Partners',
  'Summit Benefit Trust', 'Pioneer Health Plans', 'Northwest Teachers Plan', 'Harborview Care Network',
  'Columbia Family Health', 'TRICARE', 'Olympic Employees Trust', 'Salish Coast Health', 'Frontier Union Plan',
] as const;

export const LANGUAGES = [
  'Spanish', 'Vietnamese', 'Russian', 'Chinese (Mandarin)', 'Cantonese', 'Korean', 'Tagalog', 'Somali', 'Amharic',
  'Ukrainian', 'Arabic', 'Punjabi', 'Hindi', 'Japanese', 'Portuguese', 'French', 'Farsi', 'Tigrinya', 'Marshallese',
  'American Sign Language',
] as const;

export const FIRST_NAMES = [
  'Aaron', 'Abigail', 'Adele', 'Ahmed', 'Aisha', 'Alan', 'Alicia', 'Amara', 'Andre', 'Anika', 'Arjun', 'Beatriz', 'Benjamin',
  'Bianca', 'Brendan', 'Camila', 'Carlos', 'Chen', 'Chloe', 'Claire', 'Daniel', 'Dara', 'David', 'Deepa', 'Diego', 'Eleanor',
  'Elena', 'Elijah', 'Emeka', 'Emma', 'Esther', 'Farah', 'Felix', 'Fiona', 'Gabriel', 'Grace', 'Hana', 'Harper', 'Hassan',
  'Helen', 'Hiro', 'Ibrahim', 'Imani', 'Isaac', 'Ivy', 'Jamal', 'Jasmine', 'Javier', 'Jenna', 'Joaquin', 'Jonah', 'Julia',
  'Kai', 'Kamala', 'Keiko', 'Kwame', 'Laila', 'Leo', 'Lina', 'Lucas', 'Lucia', 'Mariam', 'Marcus', 'Mateo', 'Maya', 'Mei',
  'Miguel', 'Mina', 'Nadia', 'Naomi', 'Nathan', 'Nikhil', 'Noor', 'Olivia', 'Omar', 'Owen', 'Priya', 'Rafael', 'Rania',
  'Rosa', 'Ruth', 'Samuel', 'Sana', 'Sofia', 'Tariq', 'Teresa', 'Theo', 'Tomas', 'Uma', 'Victor', 'Wen', 'Yara', 'Yusuf', 'Zara',
] as const;

export const LAST_NAMES = [
  'Abara', 'Adeyemi', 'Alvarez', 'Andersen', 'Bakshi', 'Baptiste', 'Bell', 'Bergstrom', 'Castillo', 'Chandra', 'Cho', 'Cole',
  'Costa', 'Dang', 'Delgado', 'Demir', 'Dubois', 'Eriksen', 'Espinoza', 'Farouk', 'Fischer', 'Flores', 'Fujita', 'Garcia',
  'Gill', 'Goldberg', 'Gomez', 'Haddad', 'Hansen', 'Hayes', 'Herrera', 'Holm', 'Ibarra', 'Ito', 'Jensen', 'Jimenez', 'Joshi',
  'Kang', 'Kaur', 'Khan', 'Kim', 'Kowalski', 'Larsen', 'Le', 'Lindqvist', 'Lopez', 'Mahmoud', 'Malik', 'Mensah', 'Moreno',
  'Murphy', 'Nakamura', 'Nguyen', 'Novak', 'Nowak', 'Obi', 'Okafor', 'Olsen', 'Ortiz', 'Osei', 'Park', 'Patel', 'Pereira',
  'Petrov', 'Quinn', 'Rahman', 'Ramos', 'Reyes', 'Rossi', 'Ruiz', 'Saleh', 'Santos', 'Sato', 'Schmidt', 'Shah', 'Silva',
  'Singh', 'Sokolova', 'Tanaka', 'Tesfaye', 'Tran', 'Turner', 'Vargas', 'Vu', 'Walsh', 'Warsame', 'Weber', 'Yilmaz',
  'Young', 'Zhang', 'Zielinski',
] as const;

export const SCHOOLS = [
  'Cascadia School of Medicine', 'Puget Sound Health Sciences University', 'Columbia Valley College', 'Olympic State University',
  'Salish Sea University', 'Rainier College of Nursing', 'Inland Northwest Medical School', 'Coastal Range University',
  'Yakima Valley College of Health', 'Evergreen Institute of Rehabilitation Sciences', 'Northwest School of Dentistry',
  'Skagit Valley Hospital', 'Riverton General Hospital', 'Lakemont Children’s Hospital', 'Fairhaven Medical Center',
] as const;

export const HOBBIES = [
  'hikes the mountain trails', 'bakes bread on weekends', 'coaches youth soccer', 'plays cello in a community orchestra',
  'grows tomatoes and dahlias', 'runs trail races', 'volunteers at a free clinic', 'kayaks on the sound', 'restores old bicycles',
  'reads mystery novels', 'teaches a beginner yoga class', 'cooks family recipes for friends', 'birdwatches along the river',
  'plays pickleball', 'sings in a neighborhood choir', 'builds furniture in a garage workshop',
] as const;

/** Groups of credentials and the plain-words specialty of a provider in a service line. */
export interface ProviderRole {
  credentials: Credential[][];
  specialty: string;
}

export interface ServiceBank {
  name: string;
  specialty: MedicalSpecialty;
  kind: 'procedure' | 'therapy' | 'test' | 'service';
  intent: 'urgent' | 'planned';
  /** What the service covers, after "care for". */
  focus: string;
  audience: string;
  reasons: string[];
  role: ProviderRole;
}

const DOCTOR: Credential[][] = [['MD'], ['DO'], ['NP'], ['PA-C'], ['MD', 'FACP']];
const role = (specialty: string, credentials: Credential[][] = DOCTOR): ProviderRole => ({ specialty, credentials });

export const SERVICES: ServiceBank[] = [
  { name: 'Primary care', specialty: 'PrimaryCare', kind: 'service', intent: 'planned', focus: 'checkups, everyday illness and long-term conditions', audience: 'Adults who want one clinician who knows them and their history.', reasons: ['Yearly checkup', 'High blood pressure or diabetes', 'A cough or cold that lingers', 'Medicine refills'], role: role('Primary care') },
  { name: 'Urgent care', specialty: 'Emergency', kind: 'service', intent: 'urgent', focus: 'injuries and illnesses that need care today', audience: 'Anyone with an illness or injury that cannot wait for a regular appointment but is not an emergency.', reasons: ['Sprains and small cuts', 'Fever, sore throat or earache', 'Urinary infections', 'Rashes and minor burns'], role: role('Urgent care') },
  { name: 'Pediatrics', specialty: 'Pediatric', kind: 'service', intent: 'planned', focus: 'babies, children and teens', audience: 'Babies, children and teens up to age 18, and the parents and caregivers who bring them.', reasons: ['Well-child visits', 'Vaccines', 'Sports physicals', 'Ear infections and fevers'], role: role('Pediatrics', [['MD', 'FAAP'], ['MD'], ['NP'], ['DO']]) },
  { name: 'Family medicine', specialty: 'PrimaryCare', kind: 'service', intent: 'planned', focus: 'every member of the family, from newborns to grandparents', audience: 'Families who want to see one team for everyone, at every age.', reasons: ['Checkups for the whole family', 'Pregnancy questions', 'Colds and flu', 'Managing long-term conditions'], role: role('Family medicine') },
  { name: 'Internal medicine', specialty: 'PrimaryCare', kind: 'service', intent: 'planned', focus: 'complex health needs in adults', audience: 'Adults with several health conditions or many medicines to keep track of.', reasons: ['Several long-term conditions', 'A review of all your medicines', 'Heart or lung disease', 'Care after a hospital stay'], role: role('Internal medicine') },
  { name: 'Behavioral health', specialty: 'Psychiatric', kind: 'therapy', intent: 'planned', focus: 'stress, worry, low mood and relationships', audience: 'Teens and adults who want support with their mood, stress, grief or relationships.', reasons: ['Anxiety or panic', 'Depression', 'Grief after a loss', 'Stress at home or work'], role: role('Counseling and therapy', [['LCSW'], ['PhD'], ['PsyD'], ['LPC'], ['LMFT']]) },
  { name: 'Physical therapy', specialty: 'Physiotherapy', kind: 'therapy', intent: 'planned', focus: 'pain, injuries and moving with confidence', audience: 'Adults and teens recovering from an injury or surgery, or living with pain that limits what they can do.', reasons: ['Back or neck pain', 'Recovery after surgery', 'Sprains and strains', 'Balance problems'], role: role('Physical therapy', [['DPT'], ['PT']]) },
  { name: 'Orthopedics', specialty: 'Musculoskeletal', kind: 'service', intent: 'planned', focus: 'bones, joints and muscles', audience: 'People with joint pain, a broken bone or an injury that is slow to heal.', reasons: ['Knee or hip pain', 'Broken bones', 'Shoulder injuries', 'Arthritis'], role: role('Orthopedics', [['MD'], ['DO'], ['PA-C']]) },
  { name: 'Imaging', specialty: 'Radiography', kind: 'test', intent: 'planned', focus: 'X-rays, ultrasound and other scans', audience: 'Anyone whose clinician has ordered an X-ray, ultrasound or other scan.', reasons: ['X-rays after an injury', 'Ultrasound in pregnancy', 'Scans ordered by a specialist', 'Follow-up imaging'], role: role('Radiology', [['MD']]) },
  { name: 'Dental care', specialty: 'Dentistry', kind: 'service', intent: 'planned', focus: 'teeth and gums', audience: 'Children and adults who need checkups, cleanings, fillings or help with a toothache.', reasons: ['Checkups and cleanings', 'Fillings', 'Toothache', 'A chipped tooth'], role: role('General dentistry', [['DDS'], ['DMD']]) },
  { name: 'Women’s health', specialty: 'Gynecologic', kind: 'service', intent: 'planned', focus: 'periods, menopause and reproductive health', audience: 'Women and people assigned female at birth, from their teens through menopause and beyond.', reasons: ['Yearly well-woman visit', 'Heavy or painful periods', 'Menopause symptoms', 'Cervical screening'], role: role('Women’s health', [['MD'], ['NP'], ['DO']]) },
  { name: 'Prenatal care', specialty: 'Obstetric', kind: 'service', intent: 'planned', focus: 'pregnancy and the weeks after birth', audience: 'Pregnant people and those planning a pregnancy, and their partners.', reasons: ['A new pregnancy', 'Regular pregnancy checkups', 'Planning a pregnancy', 'Care after the birth'], role: role('Obstetrics', [['MD'], ['NP'], ['DO']]) },
  { name: 'Lab tests', specialty: 'LaboratoryScience', kind: 'test', intent: 'planned', focus: 'blood, urine and other lab tests', audience: 'Anyone whose clinician has ordered lab work.', reasons: ['Blood tests', 'Urine tests', 'Cholesterol checks', 'Tests before surgery'], role: role('Laboratory medicine', [['MD']]) },
  { name: 'Cardiology', specialty: 'Cardiovascular', kind: 'service', intent: 'planned', focus: 'the heart and blood vessels', audience: 'Adults with heart disease, chest pain that has been checked, or a family history of heart problems.', reasons: ['High blood pressure that is hard to control', 'An irregular heartbeat', 'Heart failure', 'Care after a heart attack'], role: role('Cardiology', [['MD'], ['MD', 'FACP'], ['NP']]) },
  { name: 'Dermatology', specialty: 'Dermatology', kind: 'service', intent: 'planned', focus: 'skin, hair and nails', audience: 'Children and adults with a skin, hair or nail problem.', reasons: ['Acne', 'Eczema or psoriasis', 'A mole that changed', 'Hair loss'], role: role('Dermatology', [['MD'], ['PA-C']]) },
  { name: 'Diabetes care', specialty: 'Endocrine', kind: 'service', intent: 'planned', focus: 'blood sugar, insulin and hormones', audience: 'People living with diabetes or prediabetes, and their families.', reasons: ['A new diabetes diagnosis', 'Starting insulin', 'Blood sugar that is hard to control', 'Thyroid problems'], role: role('Endocrinology', [['MD'], ['NP']]) },
  { name: 'Nutrition counseling', specialty: 'DietNutrition', kind: 'therapy', intent: 'planned', focus: 'eating well for your health', audience: 'Anyone who wants help with food and health, such as after a new diagnosis.', reasons: ['Eating with diabetes', 'Food allergies', 'Healthy weight', 'Heart-healthy eating'], role: role('Nutrition', [['RD']]) },
  { name: 'Allergy and asthma', specialty: 'Pulmonary', kind: 'service', intent: 'planned', focus: 'allergies, asthma and breathing', audience: 'Children and adults with allergies, asthma or a long-lasting cough.', reasons: ['Seasonal allergies', 'Asthma that flares up', 'Food allergies', 'A cough that will not go away'], role: role('Allergy and asthma', [['MD'], ['NP']]) },
  { name: 'Sleep medicine', specialty: 'Pulmonary', kind: 'service', intent: 'planned', focus: 'sleep problems and snoring', audience: 'Adults who snore, feel tired all day or have trouble falling or staying asleep.', reasons: ['Loud snoring', 'Trouble sleeping', 'Daytime sleepiness', 'Sleep apnea'], role: role('Sleep medicine', [['MD'], ['NP']]) },
  { name: 'Neurology', specialty: 'Neurologic', kind: 'service', intent: 'planned', focus: 'the brain, nerves and spine', audience: 'People with headaches, seizures, numbness or memory changes.', reasons: ['Migraines', 'Seizures', 'Numbness or tingling', 'Memory problems'], role: role('Neurology', [['MD'], ['DO']]) },
  { name: 'Ear, nose and throat', specialty: 'Otolaryngologic', kind: 'service', intent: 'planned', focus: 'ears, nose, sinuses and throat', audience: 'Children and adults with ear, sinus or throat problems that keep coming back.', reasons: ['Repeated ear infections', 'Sinus problems', 'Hearing changes', 'Tonsil problems'], role: role('Ear, nose and throat', [['MD']]) },
  { name: 'Eye exams', specialty: 'Optometric', kind: 'test', intent: 'planned', focus: 'vision and eye health', audience: 'Children and adults who need glasses, contacts or a check of their eye health.', reasons: ['Blurry vision', 'Glasses or contacts', 'Eye checks with diabetes', 'Red or itchy eyes'], role: role('Optometry', [['OD']]) },
  { name: 'Foot and ankle care', specialty: 'Podiatric', kind: 'service', intent: 'planned', focus: 'feet and ankles', audience: 'People with foot pain, ankle injuries or foot problems from diabetes.', reasons: ['Heel pain', 'Ingrown toenails', 'Foot care with diabetes', 'Ankle sprains'], role: role('Foot and ankle care', [['DO'], ['MD']]) },
  { name: 'Kidney care', specialty: 'Renal', kind: 'service', intent: 'planned', focus: 'the kidneys', audience: 'Adults with kidney disease or kidney stones, and people at risk of them.', reasons: ['Chronic kidney disease', 'Kidney stones', 'Protein in the urine', 'High blood pressure and the kidneys'], role: role('Nephrology', [['MD']]) },
  { name: 'Digestive health', specialty: 'Gastroenterologic', kind: 'service', intent: 'planned', focus: 'the stomach, gut and liver', audience: 'Adults with heartburn, stomach pain or changes in bowel habits.', reasons: ['Heartburn', 'Stomach pain', 'Colon cancer screening', 'Liver problems'], role: role('Gastroenterology', [['MD']]) },
  { name: 'Cancer screening', specialty: 'Oncologic', kind: 'test', intent: 'planned', focus: 'finding cancer early', audience: 'Adults who are due for a screening test, or who have a family history of cancer.', reasons: ['Mammograms', 'Colon cancer screening', 'Lung cancer screening', 'Family history of cancer'], role: role('Cancer screening', [['MD'], ['NP']]) },
  { name: 'Vaccinations', specialty: 'PublicHealth', kind: 'procedure', intent: 'planned', focus: 'vaccines for every age', audience: 'Children and adults who need routine, school or seasonal vaccines.', reasons: ['Flu shots', 'School vaccines', 'Tetanus boosters', 'Shingles vaccine'], role: role('Immunizations', [['RN'], ['NP']]) },
  { name: 'Travel medicine', specialty: 'Infectious', kind: 'service', intent: 'planned', focus: 'staying healthy when you travel', audience: 'Travelers who want vaccines and advice before a trip abroad.', reasons: ['Vaccines before a trip', 'Malaria prevention', 'Advice on food and water', 'Illness after travel'], role: role('Travel medicine', [['MD'], ['NP']]) },
  { name: 'Senior care', specialty: 'Geriatric', kind: 'service', intent: 'planned', focus: 'healthy aging', audience: 'Adults over 65, and the family members who help care for them.', reasons: ['Falls or balance problems', 'Memory changes', 'Many medicines', 'Planning future care'], role: role('Geriatrics', [['MD'], ['NP']]) },
  { name: 'Pharmacy', specialty: 'PharmacySpecialty', kind: 'service', intent: 'planned', focus: 'medicines and how to take them', audience: 'Anyone filling a prescription or with questions about their medicines.', reasons: ['Filling prescriptions', 'Questions about side effects', 'Medicine reviews', 'Blister packs for many medicines'], role: role('Pharmacy', [['PharmD']]) },
  { name: 'Respiratory therapy', specialty: 'RespiratoryTherapy', kind: 'therapy', intent: 'planned', focus: 'breathing treatments and lung exercises', audience: 'People with long-term lung disease who want to breathe more easily.', reasons: ['COPD', 'Learning to use an inhaler', 'Home oxygen', 'Recovery after pneumonia'], role: role('Respiratory therapy', [['RN']]) },
  { name: 'Wound care', specialty: 'Nursing', kind: 'procedure', intent: 'planned', focus: 'wounds that are slow to heal', audience: 'People with wounds, ulcers or burns that need regular care.', reasons: ['Foot ulcers', 'Wounds after surgery', 'Burns', 'Pressure sores'], role: role('Wound care', [['RN'], ['NP']]) },
  { name: 'Minor surgery', specialty: 'Surgical', kind: 'procedure', intent: 'planned', focus: 'small procedures done in the clinic', audience: 'People who need a small procedure, such as removing a cyst or a mole.', reasons: ['Removing a cyst', 'Removing a mole', 'Ingrown toenails', 'Skin biopsies'], role: role('General surgery', [['MD'], ['DO']]) },
  { name: 'Hearing tests', specialty: 'Otolaryngologic', kind: 'test', intent: 'planned', focus: 'hearing and balance', audience: 'Children and adults with hearing changes, ringing in the ears or balance problems.', reasons: ['Hearing loss', 'Ringing in the ears', 'Hearing aids', 'Dizziness'], role: role('Audiology', [['PhD']]) },
  { name: 'Rheumatology', specialty: 'Rheumatologic', kind: 'service', intent: 'planned', focus: 'arthritis and autoimmune conditions', audience: 'Adults with joint swelling, stiffness or an autoimmune condition.', reasons: ['Rheumatoid arthritis', 'Lupus', 'Gout', 'Joint swelling'], role: role('Rheumatology', [['MD']]) },
  { name: 'Urology', specialty: 'Urologic', kind: 'service', intent: 'planned', focus: 'the bladder, kidneys and prostate', audience: 'Adults with bladder, prostate or kidney stone problems.', reasons: ['Bladder leaks', 'Prostate problems', 'Kidney stones', 'Blood in the urine'], role: role('Urology', [['MD']]) },
  { name: 'Lung health', specialty: 'Pulmonary', kind: 'service', intent: 'planned', focus: 'the lungs and breathing', audience: 'Adults with asthma, COPD or a cough or shortness of breath that lasts.', reasons: ['COPD', 'Asthma', 'Shortness of breath', 'A spot on a lung scan'], role: role('Pulmonology', [['MD']]) },
  { name: 'Genetic counseling', specialty: 'Genetic', kind: 'service', intent: 'planned', focus: 'family history and genetic tests', audience: 'People with a family history of a condition, or who are considering a genetic test.', reasons: ['Family history of cancer', 'Planning a pregnancy', 'Understanding test results', 'Inherited heart conditions'], role: role('Genetic counseling', [['PhD'], ['MPH']]) },
  { name: 'Community health', specialty: 'CommunityHealth', kind: 'service', intent: 'planned', focus: 'help with food, housing and getting to care', audience: 'Anyone who needs help with insurance, food, housing or getting to appointments.', reasons: ['Signing up for insurance', 'Finding food support', 'Rides to appointments', 'Help with housing'], role: role('Community health', [['RN'], ['MPH'], ['LCSW']]) },
  { name: 'Pain management', specialty: 'Anesthesia', kind: 'therapy', intent: 'planned', focus: 'long-lasting pain', audience: 'Adults with pain that has lasted more than three months.', reasons: ['Back pain', 'Nerve pain', 'Pain after an injury', 'Headaches'], role: role('Pain medicine', [['MD'], ['DO']]) },
  { name: 'Sports medicine', specialty: 'Musculoskeletal', kind: 'service', intent: 'planned', focus: 'sports injuries and staying active', audience: 'Athletes of every level, and anyone hurt while being active.', reasons: ['Sprains', 'Running injuries', 'Concussions', 'Getting back to sport'], role: role('Sports medicine', [['MD'], ['DO'], ['PA-C']]) },
  { name: 'Occupational therapy', specialty: 'Physiotherapy', kind: 'therapy', intent: 'planned', focus: 'everyday tasks at home and at work', audience: 'People who find daily tasks hard after an injury, stroke or surgery.', reasons: ['Hand injuries', 'Recovery after a stroke', 'Getting back to work', 'Safety at home'], role: role('Occupational therapy', [['OT']]) },
  { name: 'Pelvic health', specialty: 'Physiotherapy', kind: 'therapy', intent: 'planned', focus: 'pelvic floor and bladder control', audience: 'Adults with bladder leaks, pelvic pain or recovery after childbirth.', reasons: ['Bladder leaks', 'Pelvic pain', 'Recovery after birth', 'Pain with sitting'], role: role('Pelvic health', [['DPT']]) },
  { name: 'Weight management', specialty: 'DietNutrition', kind: 'service', intent: 'planned', focus: 'reaching a healthy weight', audience: 'Adults who want medical support to reach and keep a healthier weight.', reasons: ['Weight-related health problems', 'Medicines for weight', 'Meal planning', 'Staying active'], role: role('Weight management', [['MD'], ['RD'], ['NP']]) },
  { name: 'Addiction recovery', specialty: 'Psychiatric', kind: 'therapy', intent: 'planned', focus: 'alcohol, opioid and other substance use', audience: 'Adults who want to cut back on or stop using alcohol, opioids or other substances.', reasons: ['Opioid use', 'Alcohol use', 'Quitting smoking', 'Support for families'], role: role('Addiction medicine', [['MD'], ['LCSW'], ['NP']]) },
  { name: 'Child development', specialty: 'Pediatric', kind: 'service', intent: 'planned', focus: 'how children grow, learn and behave', audience: 'Families with questions about a child’s speech, learning, attention or behavior.', reasons: ['Speech delays', 'Attention problems', 'Autism evaluation', 'Trouble at school'], role: role('Developmental pediatrics', [['MD', 'FAAP'], ['PhD']]) },
  { name: 'Birth control', specialty: 'Gynecologic', kind: 'service', intent: 'planned', focus: 'choosing and using birth control', audience: 'Teens and adults who want to start, change or stop birth control.', reasons: ['Choosing a method', 'IUD or implant', 'Emergency contraception', 'Side effects'], role: role('Reproductive health', [['NP'], ['MD']]) },
  { name: 'Mammograms', specialty: 'Radiography', kind: 'test', intent: 'planned', focus: 'breast imaging', audience: 'Women who are due for a screening mammogram, or who have a breast change to check.', reasons: ['Screening mammogram', 'A lump or change', 'Follow-up imaging', 'Dense breasts'], role: role('Breast imaging', [['MD']]) },
  { name: 'Occupational health', specialty: 'PublicHealth', kind: 'service', intent: 'planned', focus: 'health and safety at work', audience: 'Employers and workers who need job physicals, drug screens or care after a work injury.', reasons: ['Pre-employment physicals', 'Work injuries', 'Drug screens', 'Respirator fit tests'], role: role('Occupational medicine', [['MD'], ['NP']]) },
  { name: 'Heart rhythm care', specialty: 'Cardiovascular', kind: 'service', intent: 'planned', focus: 'fast, slow or irregular heartbeats', audience: 'Adults with palpitations, fainting or a known heart rhythm problem.', reasons: ['Atrial fibrillation', 'Palpitations', 'Fainting', 'Pacemaker checks'], role: role('Electrophysiology', [['MD']]) },
  { name: 'Concussion care', specialty: 'Neurologic', kind: 'service', intent: 'planned', focus: 'recovery after a head injury', audience: 'Children, teens and adults recovering from a concussion.', reasons: ['A head injury in sport', 'Headaches after a fall', 'Returning to school', 'Returning to work'], role: role('Concussion care', [['MD'], ['DO']]) },
  { name: 'Hospital medicine', specialty: 'PrimaryCare', kind: 'service', intent: 'planned', focus: 'care during and after a hospital stay', audience: 'Adults leaving the hospital who need close follow-up in the first weeks home.', reasons: ['A visit after a hospital stay', 'New medicines', 'Home care planning', 'Follow-up tests'], role: role('Hospital medicine') },
  { name: 'Walk-in clinic', specialty: 'Emergency', kind: 'service', intent: 'urgent', focus: 'quick care for minor problems', audience: 'People with a minor illness or injury who want to be seen today without an appointment.', reasons: ['Sore throat', 'Pink eye', 'Minor cuts', 'School and sports forms'], role: role('Walk-in care', [['NP'], ['PA-C']]) },
  { name: 'Infusion therapy', specialty: 'Hematologic', kind: 'therapy', intent: 'planned', focus: 'medicines given through a vein', audience: 'Adults who need medicine by IV, such as iron or antibiotics, without a hospital stay.', reasons: ['Iron infusions', 'IV antibiotics', 'Hydration', 'Medicines for autoimmune conditions'], role: role('Infusion nursing', [['RN'], ['NP']]) },
];

/** Qualifiers that make more service lines or conditions when a size asks for more than the banks hold. */
export const SERVICE_QUALIFIERS = ['Adult', 'Pediatric', 'Community', 'Evening', 'Advanced', 'Rural outreach'] as const;
export const CONDITION_QUALIFIERS = ['in children', 'in older adults', 'during pregnancy', 'in athletes', 'after surgery'] as const;

export interface ConditionBank {
  name: string;
  otherNames: string[];
  symptoms: string[];
  /** Names of services in SERVICES that treat it, most fitting first. */
  services: string[];
  /** A plain sentence on what it is, after "<Name> is". */
  about: string;
}

export const CONDITIONS: ConditionBank[] = [
  { name: 'High blood pressure', otherNames: ['Hypertension'], symptoms: ['Usually none', 'Headaches in severe cases', 'Blurred vision when very high'], services: ['Primary care', 'Cardiology', 'Internal medicine', 'Family medicine'], about: 'blood pushing too hard against the walls of the arteries over time' },
  { name: 'Type 2 diabetes', otherNames: ['Adult-onset diabetes'], symptoms: ['Feeling very thirsty', 'Passing urine often', 'Feeling tired', 'Cuts that heal slowly'], services: ['Diabetes care', 'Primary care', 'Nutrition counseling', 'Family medicine'], about: 'a condition in which the body does not use insulin well, so blood sugar stays too high' },
  { name: 'Asthma', otherNames: ['Reactive airway disease'], symptoms: ['Wheezing', 'Coughing at night', 'Tight chest', 'Shortness of breath'], services: ['Allergy and asthma', 'Pediatrics', 'Lung health', 'Primary care'], about: 'swelling and narrowing of the airways that comes and goes' },
  { name: 'Low back pain', otherNames: ['Lumbago'], symptoms: ['Aching in the lower back', 'Stiffness in the morning', 'Pain when bending', 'Muscle spasms'], services: ['Physical therapy', 'Primary care', 'Orthopedics', 'Pain management'], about: 'pain or stiffness between the ribs and the hips, often from a strained muscle' },
  { name: 'Anxiety', otherNames: ['Generalized anxiety'], symptoms: ['Worry that is hard to control', 'Restlessness', 'Trouble sleeping', 'A racing heart'], services: ['Behavioral health', 'Primary care', 'Family medicine'], about: 'worry or fear that is strong, lasts and gets in the way of daily life' },
  { name: 'Depression', otherNames: ['Major depressive disorder'], symptoms: ['Low mood most days', 'Losing interest in things', 'Changes in sleep or appetite', 'Feeling worthless'], services: ['Behavioral health', 'Primary care', 'Family medicine'], about: 'a low mood that lasts for weeks and affects how you think, feel and manage daily life' },
  { name: 'Sprained ankle', otherNames: ['Ankle sprain'], symptoms: ['Pain on the outside of the ankle', 'Swelling', 'Bruising', 'Trouble walking'], services: ['Urgent care', 'Physical therapy', 'Sports medicine', 'Foot and ankle care'], about: 'a stretched or torn ligament in the ankle, usually from rolling it' },
  { name: 'Ear infection', otherNames: ['Otitis media'], symptoms: ['Ear pain', 'Fever', 'Trouble hearing', 'Tugging at the ear in babies'], services: ['Pediatrics', 'Urgent care', 'Ear, nose and throat', 'Walk-in clinic'], about: 'an infection behind the eardrum, common in young children' },
  { name: 'Strep throat', otherNames: ['Streptococcal pharyngitis'], symptoms: ['Sudden sore throat', 'Pain when swallowing', 'Fever', 'Swollen glands in the neck'], services: ['Urgent care', 'Pediatrics', 'Walk-in clinic', 'Primary care'], about: 'a throat infection caused by bacteria, treated with antibiotics' },
  { name: 'Knee osteoarthritis', otherNames: ['Knee arthritis'], symptoms: ['Knee pain with activity', 'Stiffness after rest', 'Swelling', 'A grinding feeling'], services: ['Orthopedics', 'Physical therapy', 'Rheumatology', 'Sports medicine'], about: 'wear of the cartilage that cushions the knee joint' },
  { name: 'Tooth decay', otherNames: ['Cavities', 'Dental caries'], symptoms: ['Toothache', 'Sensitivity to hot or cold', 'Dark spots on a tooth', 'Pain when biting'], services: ['Dental care'], about: 'damage to a tooth caused by acid from bacteria in plaque' },
  { name: 'Concussion', otherNames: ['Mild traumatic brain injury'], symptoms: ['Headache', 'Dizziness', 'Trouble concentrating', 'Feeling foggy'], services: ['Concussion care', 'Urgent care', 'Sports medicine', 'Neurology'], about: 'a brain injury caused by a blow or jolt to the head' },
  { name: 'Migraine', otherNames: ['Migraine headache'], symptoms: ['Throbbing headache', 'Nausea', 'Sensitivity to light', 'Seeing flashing lights'], services: ['Neurology', 'Primary care', 'Pain management'], about: 'repeated headaches, often on one side, that can last hours or days' },
  { name: 'Eczema', otherNames: ['Atopic dermatitis'], symptoms: ['Dry, itchy skin', 'Red patches', 'Skin that cracks', 'Itching at night'], services: ['Dermatology', 'Pediatrics', 'Allergy and asthma'], about: 'a long-lasting condition that makes skin dry, itchy and inflamed' },
  { name: 'Acne', otherNames: ['Acne vulgaris'], symptoms: ['Pimples', 'Blackheads', 'Painful bumps under the skin', 'Scarring'], services: ['Dermatology', 'Primary care'], about: 'blocked pores that lead to pimples, most common in teens' },
  { name: 'Seasonal allergies', otherNames: ['Hay fever', 'Allergic rhinitis'], symptoms: ['Sneezing', 'Runny or stuffy nose', 'Itchy eyes', 'Itchy throat'], services: ['Allergy and asthma', 'Primary care', 'Ear, nose and throat'], about: 'the immune system reacting to pollen, dust or pet dander' },
  { name: 'Sleep apnea', otherNames: ['Obstructive sleep apnea'], symptoms: ['Loud snoring', 'Pauses in breathing at night', 'Morning headaches', 'Daytime sleepiness'], services: ['Sleep medicine', 'Lung health', 'Ear, nose and throat'], about: 'breathing that stops and starts during sleep' },
  { name: 'COPD', otherNames: ['Chronic obstructive pulmonary disease'], symptoms: ['Shortness of breath', 'A cough that lasts', 'Wheezing', 'Frequent chest infections'], services: ['Lung health', 'Respiratory therapy', 'Primary care'], about: 'long-term lung damage that makes it hard to breathe out' },
  { name: 'Heartburn', otherNames: ['Acid reflux', 'GERD'], symptoms: ['Burning in the chest', 'Sour taste in the mouth', 'Trouble swallowing', 'A cough at night'], services: ['Digestive health', 'Primary care'], about: 'stomach acid flowing back up into the food pipe' },
  { name: 'Kidney stones', otherNames: ['Renal calculi'], symptoms: ['Sharp pain in the side or back', 'Pain when passing urine', 'Blood in the urine', 'Nausea'], services: ['Urology', 'Kidney care', 'Urgent care'], about: 'hard deposits that form in the kidneys and can block the flow of urine' },
  { name: 'Urinary tract infection', otherNames: ['UTI', 'Bladder infection'], symptoms: ['Burning when passing urine', 'Needing to go often', 'Cloudy urine', 'Pain low in the belly'], services: ['Urgent care', 'Primary care', 'Walk-in clinic', 'Urology'], about: 'an infection in the bladder or another part of the urinary tract' },
  { name: 'Osteoporosis', otherNames: ['Thinning bones'], symptoms: ['Usually none until a bone breaks', 'Loss of height', 'A stooped back', 'Back pain'], services: ['Senior care', 'Rheumatology', 'Women’s health', 'Primary care'], about: 'bones that become thin and break more easily' },
  { name: 'Atrial fibrillation', otherNames: ['AFib'], symptoms: ['A fluttering heartbeat', 'Tiredness', 'Shortness of breath', 'Dizziness'], services: ['Heart rhythm care', 'Cardiology'], about: 'an irregular, often fast heartbeat that raises the risk of stroke' },
  { name: 'Heart failure', otherNames: ['Congestive heart failure'], symptoms: ['Shortness of breath', 'Swollen ankles', 'Tiredness', 'Weight gain from fluid'], services: ['Cardiology', 'Internal medicine'], about: 'a heart that does not pump as well as it should' },
  { name: 'High cholesterol', otherNames: ['Hyperlipidemia'], symptoms: ['Usually none', 'Found with a blood test'], services: ['Primary care', 'Cardiology', 'Nutrition counseling', 'Lab tests'], about: 'too much of certain fats in the blood, which can clog arteries' },
  { name: 'Thyroid disease', otherNames: ['Underactive thyroid', 'Overactive thyroid'], symptoms: ['Tiredness', 'Weight changes', 'Feeling too cold or too hot', 'Hair thinning'], services: ['Diabetes care', 'Primary care', 'Lab tests'], about: 'a thyroid gland that makes too much or too little hormone' },
  { name: 'Gout', otherNames: ['Gouty arthritis'], symptoms: ['Sudden pain in a joint', 'A red, hot, swollen big toe', 'Pain that wakes you at night'], services: ['Rheumatology', 'Primary care', 'Foot and ankle care'], about: 'a type of arthritis caused by crystals of uric acid in a joint' },
  { name: 'Rheumatoid arthritis', otherNames: ['RA'], symptoms: ['Swollen, painful joints', 'Morning stiffness that lasts', 'Tiredness', 'Joints affected on both sides'], services: ['Rheumatology', 'Occupational therapy', 'Infusion therapy'], about: 'an autoimmune condition in which the immune system attacks the joints' },
  { name: 'Plantar fasciitis', otherNames: ['Heel pain'], symptoms: ['Heel pain with the first steps in the morning', 'Pain after standing', 'Tenderness under the heel'], services: ['Foot and ankle care', 'Physical therapy', 'Sports medicine'], about: 'irritation of the thick band of tissue under the foot' },
  { name: 'Shoulder pain', otherNames: ['Rotator cuff injury'], symptoms: ['Pain when lifting the arm', 'Weakness', 'Pain at night', 'Stiffness'], services: ['Orthopedics', 'Physical therapy', 'Sports medicine'], about: 'pain from the muscles, tendons or joint of the shoulder' },
  { name: 'Carpal tunnel syndrome', otherNames: ['Median nerve compression'], symptoms: ['Numb fingers', 'Tingling at night', 'A weak grip', 'Dropping things'], services: ['Occupational therapy', 'Orthopedics', 'Neurology'], about: 'pressure on a nerve in the wrist' },
  { name: 'Pneumonia', otherNames: ['Lung infection'], symptoms: ['Cough with mucus', 'Fever and chills', 'Shortness of breath', 'Chest pain when breathing'], services: ['Urgent care', 'Primary care', 'Lung health', 'Respiratory therapy'], about: 'an infection that inflames the air sacs of the lungs' },
  { name: 'Flu', otherNames: ['Influenza'], symptoms: ['Fever', 'Body aches', 'Cough', 'Feeling very tired'], services: ['Urgent care', 'Primary care', 'Vaccinations', 'Walk-in clinic'], about: 'a viral infection of the nose, throat and lungs that spreads easily in winter' },
  { name: 'Pink eye', otherNames: ['Conjunctivitis'], symptoms: ['Red eye', 'Itchy or gritty eye', 'Discharge', 'Crusty eyelids in the morning'], services: ['Walk-in clinic', 'Urgent care', 'Eye exams', 'Pediatrics'], about: 'swelling of the thin layer over the white of the eye' },
  { name: 'Nearsightedness', otherNames: ['Myopia'], symptoms: ['Blurry distance vision', 'Squinting', 'Eye strain', 'Headaches'], services: ['Eye exams'], about: 'trouble seeing things far away clearly' },
  { name: 'Hearing loss', otherNames: ['Hard of hearing'], symptoms: ['Asking people to repeat', 'Turning up the volume', 'Trouble hearing in noise', 'Ringing in the ears'], services: ['Hearing tests', 'Ear, nose and throat', 'Senior care'], about: 'hearing less well than before, in one or both ears' },
  { name: 'Sinus infection', otherNames: ['Sinusitis'], symptoms: ['Stuffy nose', 'Pressure in the face', 'Thick mucus', 'Reduced sense of smell'], services: ['Urgent care', 'Ear, nose and throat', 'Primary care', 'Walk-in clinic'], about: 'swelling of the spaces behind the nose and cheeks' },
  { name: 'Gum disease', otherNames: ['Periodontitis', 'Gingivitis'], symptoms: ['Bleeding gums', 'Bad breath', 'Receding gums', 'Loose teeth'], services: ['Dental care'], about: 'an infection of the gums that can damage the bone around the teeth' },
  { name: 'Insomnia', otherNames: ['Trouble sleeping'], symptoms: ['Trouble falling asleep', 'Waking in the night', 'Waking too early', 'Feeling tired during the day'], services: ['Sleep medicine', 'Behavioral health', 'Primary care'], about: 'trouble falling or staying asleep, most nights, for weeks' },
  { name: 'ADHD', otherNames: ['Attention deficit hyperactivity disorder'], symptoms: ['Trouble paying attention', 'Restlessness', 'Acting without thinking', 'Losing things often'], services: ['Child development', 'Behavioral health', 'Pediatrics'], about: 'a difference in brain development that affects attention and activity' },
  { name: 'Prediabetes', otherNames: ['Borderline diabetes'], symptoms: ['Usually none', 'Found with a blood test'], services: ['Diabetes care', 'Nutrition counseling', 'Weight management', 'Primary care'], about: 'blood sugar that is higher than normal but not yet diabetes' },
  { name: 'Obesity', otherNames: ['Excess weight'], symptoms: ['Joint pain', 'Shortness of breath with activity', 'Snoring', 'Tiredness'], services: ['Weight management', 'Nutrition counseling', 'Primary care'], about: 'a body weight that raises the risk of other health problems' },
  { name: 'Opioid use disorder', otherNames: ['Opioid addiction'], symptoms: ['Strong cravings', 'Using more than planned', 'Withdrawal when stopping', 'Problems at home or work'], services: ['Addiction recovery', 'Behavioral health', 'Primary care'], about: 'a long-term condition in which opioid use is hard to control' },
  { name: 'Menopause symptoms', otherNames: ['Perimenopause'], symptoms: ['Hot flashes', 'Night sweats', 'Irregular periods', 'Mood changes'], services: ['Women’s health', 'Primary care'], about: 'changes in the body as periods come to an end' },
  { name: 'Bladder leaks', otherNames: ['Urinary incontinence'], symptoms: ['Leaking when you cough or laugh', 'Sudden urges to go', 'Getting up at night to pass urine'], services: ['Pelvic health', 'Urology', 'Women’s health'], about: 'losing urine when you do not mean to' },
  { name: 'Chronic kidney disease', otherNames: ['CKD'], symptoms: ['Usually none early on', 'Swollen ankles', 'Tiredness', 'Passing less urine'], services: ['Kidney care', 'Primary care', 'Lab tests'], about: 'kidneys that slowly lose their ability to filter the blood' },
  { name: 'Skin cancer', otherNames: ['Melanoma', 'Basal cell carcinoma'], symptoms: ['A new or changing mole', 'A sore that does not heal', 'A shiny bump'], services: ['Dermatology', 'Cancer screening', 'Minor surgery'], about: 'abnormal growth of skin cells, most often on skin exposed to the sun' },
  { name: 'Colon cancer', otherNames: ['Colorectal cancer'], symptoms: ['Blood in the stool', 'Changes in bowel habits', 'Belly pain', 'Weight loss'], services: ['Cancer screening', 'Digestive health'], about: 'cancer of the large bowel, often found early with screening' },
  { name: 'Breast cancer', otherNames: ['Breast tumor'], symptoms: ['A lump in the breast', 'Skin dimpling', 'Nipple changes', 'Swelling under the arm'], services: ['Mammograms', 'Cancer screening', 'Women’s health'], about: 'cancer that starts in the cells of the breast' },
  { name: 'Chronic wounds', otherNames: ['Non-healing wounds'], symptoms: ['A wound that does not heal in weeks', 'Redness around a wound', 'Drainage', 'Pain'], services: ['Wound care', 'Foot and ankle care', 'Diabetes care'], about: 'wounds that stay open for more than a month' },
  { name: 'Measles', otherNames: ['Rubeola'], symptoms: ['High fever', 'Rash that starts on the face', 'Cough', 'Red eyes'], services: ['Vaccinations', 'Pediatrics', 'Urgent care'], about: 'a very contagious viral infection that vaccines prevent' },
  { name: 'Shingles', otherNames: ['Herpes zoster'], symptoms: ['A painful rash on one side', 'Burning or tingling skin', 'Blisters', 'Fever'], services: ['Vaccinations', 'Primary care', 'Urgent care'], about: 'a painful rash from the chickenpox virus waking up again' },
  { name: 'Traveler’s diarrhea', otherNames: ['Travel illness'], symptoms: ['Loose stools', 'Belly cramps', 'Nausea', 'Fever'], services: ['Travel medicine', 'Urgent care'], about: 'an upset stomach from food or water while traveling' },
  { name: 'Falls in older adults', otherNames: ['Fall risk'], symptoms: ['Feeling unsteady', 'A fall in the past year', 'Fear of falling', 'Dizziness when standing'], services: ['Senior care', 'Physical therapy', 'Occupational therapy'], about: 'a common cause of injury as people age, and often preventable' },
  { name: 'Memory loss', otherNames: ['Mild cognitive impairment'], symptoms: ['Forgetting recent events', 'Repeating questions', 'Getting lost in familiar places', 'Trouble with planning'], services: ['Senior care', 'Neurology'], about: 'changes in memory and thinking that are more than normal aging' },
  { name: 'Speech delay', otherNames: ['Late talking'], symptoms: ['Few words by age two', 'Hard to understand', 'Trouble following directions'], services: ['Child development', 'Pediatrics', 'Hearing tests'], about: 'a child who is slower than usual to start talking' },
  { name: 'Iron deficiency anemia', otherNames: ['Low iron'], symptoms: ['Tiredness', 'Pale skin', 'Shortness of breath', 'Cold hands and feet'], services: ['Infusion therapy', 'Primary care', 'Lab tests'], about: 'too few healthy red blood cells because the body lacks iron' },
  { name: 'Work injuries', otherNames: ['Occupational injury'], symptoms: ['Pain after a strain at work', 'Cuts or burns', 'Repetitive strain'], services: ['Occupational health', 'Urgent care', 'Physical therapy'], about: 'injuries and illnesses that happen because of work' },
  { name: 'Postpartum depression', otherNames: ['Perinatal depression'], symptoms: ['Sadness after the birth', 'Trouble bonding with the baby', 'Anxiety', 'Trouble sleeping even when the baby sleeps'], services: ['Prenatal care', 'Behavioral health', 'Women’s health'], about: 'depression during pregnancy or in the year after birth' },
  { name: 'Gestational diabetes', otherNames: ['Diabetes in pregnancy'], symptoms: ['Usually none', 'Found with a glucose test in pregnancy'], services: ['Prenatal care', 'Diabetes care', 'Nutrition counseling'], about: 'high blood sugar that starts during pregnancy' },
];

/** Condition FAQs; `{name}`, `{lower}`, `{symptom}`, `{service}` and `{service2}` are filled in. */
export const CONDITION_FAQS: { question: string; answer: string }[] = [
  { question: 'When should I see a clinician about {lower}?', answer: 'Make an appointment if symptoms last more than a week, keep coming back or make daily life hard. Get care the same day if you feel very unwell.' },
  { question: 'Is {lower} serious?', answer: 'Most people with {lower} do well with the right care. It matters more when it is not treated, so it is worth getting checked.' },
  { question: 'How is {lower} diagnosed?', answer: 'Your clinician asks about your symptoms, such as **{symptom}**, and examines you. Sometimes a test helps confirm what is going on.' },
  { question: 'Can {lower} be prevented?', answer: 'Not always, but healthy habits lower the risk for many people: regular activity, good sleep and not smoking. Ask what matters most in your case.' },
  { question: 'What treatments help with {lower}?', answer: 'It depends on the cause and how much it affects you. Many people start with simple steps at home; others need medicine or therapy. Our {service} team can talk through the options.' },
  { question: 'Do I need a referral to be seen for {lower}?', answer: 'Usually not. You can book {service} directly. Some insurance plans ask for a referral for specialist visits, and our scheduling team can check for you.' },
  { question: 'Can children get {lower}?', answer: 'Yes, though it can look different in children. If your child has **{symptom}**, call us and a nurse can help you decide how soon to come in.' },
  { question: 'Will {lower} go away on its own?', answer: 'Sometimes. Mild cases often get better with time and self-care. If it does not improve in a few weeks, come in so we can look for the cause.' },
  { question: 'What should I bring to my first visit about {lower}?', answer: 'Bring a list of your medicines, your insurance card and notes on when the symptoms started. A family member is welcome to come with you.' },
  { question: 'Does {lower} affect work or school?', answer: 'It can. We can write a note for work or school and suggest changes that help while you recover.' },
  { question: 'Which clinicians treat {lower}?', answer: 'Most people start with {service}. If you need more help, we can connect you with {service2} in our network.' },
  { question: 'How long does it take to feel better?', answer: 'Many people feel better within a few weeks of starting treatment. Some forms of {lower} need longer care, and we check in along the way.' },
  { question: 'Are there tests I can do at home?', answer: 'Keeping a simple diary of symptoms, such as when **{symptom}** happens, often helps more than a home test. Bring it to your visit.' },
  { question: 'When is {lower} an emergency?', answer: 'Call 911 if you have chest pain, trouble breathing, sudden weakness, or you feel you might faint. For other worries, call us and a nurse will help.' },
];

/** Local FAQs for a location × service page; `{service}`, `{lower}`, `{place}`, `{street}`, `{day}` filled in. */
export const LOCAL_FAQS: { question: string; answer: string }[] = [
  { question: 'Can I get {lower} at {place} on the same day?', answer: 'Often, yes. Call the clinic in the morning; same-day times open up when people cancel.' },
  { question: 'Where do I check in for {lower} at {place}?', answer: 'Check in at the front desk on {street}, then take a seat in the waiting area. Someone will call your name.' },
  { question: 'Is {lower} at {place} open in the evening?', answer: 'Yes, on {day}s the last visits start after 5 p.m. Book early, as evening times fill first.' },
  { question: 'Can I bring my children to my {lower} visit at {place}?', answer: 'Yes. There is a play corner in the waiting room, and a staff member can help if you need a hand.' },
  { question: 'Do I need to arrive early for {lower} at {place}?', answer: 'Come 10 minutes early for your first visit so there is time to fill in a short form.' },
  { question: 'Is there an interpreter for {lower} visits at {place}?', answer: 'Yes, interpreters are free. Tell us the language when you book, and we will have someone ready.' },
];

export const SERVICE_SECTIONS = {
  intro: [
    '{name} at {org} covers {focus}. We take time to listen, explain what we find and agree on a plan with you.',
    'Our {lower} teams care for {focus}, in clinics close to home across the region.',
    'Good {lower} starts with knowing you. Our clinicians look at {focus} and at what matters most in your daily life.',
    '{name} is about {focus}. Whether you are coming for the first time or for follow-up, we make the next step clear.',
  ],
  expect: [
    'Your first visit usually takes {minutes} minutes. Bring your insurance card, a list of medicines and any questions you have written down.',
    'At your visit, a medical assistant checks your vital signs. Then your clinician asks about your health and examines you.',
    'Most visits end with a written plan you can take home, and a way to reach us if you have questions later.',
    'If you need a test, we can often do it the same day. Results appear in your patient portal, with a note that explains them.',
    'You can bring a family member or friend to any visit. Tell us if you need an interpreter or more time.',
    'Follow-up visits are shorter. Many can be done by video if you prefer.',
  ],
  start: [
    'You can request an appointment online or call the clinic nearest you. Most people are seen within {days} days.',
    'No referral is needed for most visits. If your insurance asks for one, our scheduling team will help.',
    'Not sure if this is the right service? Call us and a nurse can help you choose.',
    'We accept most insurance plans, and we offer a sliding fee scale for people without insurance.',
  ],
} as const;

export const STEP_TEMPLATES = [
  ['You ask for an appointment online or by phone.', 'You call us or send a request online.', 'You send a request online, or your clinician sends a referral.'],
  ['Our scheduling team calls you back within one business day.', 'We call you back, usually the same day, to find a time.', 'A coordinator contacts you within two business days.'],
  ['Your first visit takes about {minutes} minutes.', 'At your first visit we talk about your health and your goals.', 'Your clinician examines you and explains what they find.'],
  ['You leave with a plan, and follow-up visits if you need them.', 'We send your results and next steps to your patient portal.', 'We check in after a few weeks to see how you are doing.'],
] as const;

export const URGENT_STEPS = [
  'Call the clinic, or walk in during opening hours.',
  'A nurse checks how urgent your problem is.',
  'You see a clinician, usually within an hour.',
  'We send a summary to your primary care clinician.',
] as const;

export const CONDITION_PARAGRAPHS = [
  '{name} is {about}. It is common, and there is a lot you and your care team can do about it.',
  'People with {lower} often notice {symptom} first. Symptoms can come and go, and they are not the same for everyone.',
  'Your clinician will ask when the symptoms started, what makes them better or worse, and how they affect your day.',
  'Treatment depends on the cause and on what you want to be able to do. A plan can include self-care, medicine and follow-up visits.',
  'If you have another condition, such as diabetes or heart disease, tell your clinician: it can change which treatment is best.',
  'Many people manage {lower} well with regular check-ins. We can remind you when a check-up is due.',
  'Family members can help by learning the warning signs and knowing when to call.',
] as const;

export const PROVIDER_BIO = [
  '{first} {last} is a {role} clinician who sees patients at {places}, caring for people with {focus}.',
  '{first} joined {org} in {year} after training at {school}.',
  'Patients say {first} explains things clearly and makes time for questions.',
  '{first} has a special interest in {interest}, and in helping people feel confident about their care.',
  '{first} sees patients in {languages}.',
  'Before becoming a clinician, {first} worked as a {pastJob}.',
  'Away from work, {first} {hobby}.',
] as const;

export const PAST_JOBS = ['teacher', 'paramedic', 'lab technician', 'community health worker', 'medical assistant', 'research coordinator', 'swim coach', 'social worker'] as const;
