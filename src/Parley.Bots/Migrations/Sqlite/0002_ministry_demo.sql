-- Demo data for the ministry bot (Bot = ministry): a church's ministries with their bank details,
-- its directory of contacts and its upcoming events. Fictional people, numbers and accounts; the CLABEs
-- carry valid check digits. Event dates are relative to when this migration ran, at local (UTC-6) times.
CREATE TABLE demo_ministries (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    description       TEXT NOT NULL,
    bank_name         TEXT NULL,
    beneficiary_name  TEXT NULL,
    account_number    TEXT NULL,
    clabe             TEXT NULL,
    contact_name      TEXT NULL,
    contact_phone     TEXT NULL,
    sort_order        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE demo_directory (
    id           INTEGER PRIMARY KEY,
    ministry_id  INTEGER NOT NULL REFERENCES demo_ministries(id),
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    phone        TEXT NOT NULL,
    email        TEXT NULL,
    sort_order   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE demo_events (
    id           INTEGER PRIMARY KEY,
    ministry_id  INTEGER NOT NULL REFERENCES demo_ministries(id),
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    starts_at    INTEGER NOT NULL,
    location     TEXT NOT NULL
);

INSERT INTO demo_ministries (id, name, description, bank_name, beneficiary_name, account_number, clabe, contact_name, contact_phone, sort_order) VALUES
(1, 'Ministerios VEA', 'Diezmos, ofrendas y donativos generales de la iglesia Vida, Esperanza y Amor', 'BBVA México', 'Ministerios Vida Esperanza y Amor, A.R.', '0123456789', '012180001234567899', 'Patricia Gómez', '+52 55 4123 8890', 0),
(2, 'Ministerio de Jóvenes', 'Congresos, campamentos y células de jóvenes de 15 a 29 años', 'Santander', 'Ministerios Vida Esperanza y Amor, A.R.', '65501234567', '014180655012345674', 'Daniel Ramírez', '+52 55 4123 8801', 1),
(3, 'Ministerio de Misiones', 'Viajes misioneros y apoyo a congregaciones en Oaxaca y Chiapas', 'Banorte', 'Ministerios Vida Esperanza y Amor, A.R.', '0987654321', '072180009876543213', 'Jorge Castillo', '+52 55 4123 8845', 2),
(4, 'Ministerio de Alabanza', 'Equipo de música, instrumentos y sonido', 'Citibanamex', 'Ministerios Vida Esperanza y Amor, A.R.', '7011223344', '002180701122334457', 'Sofía Martínez', '+52 55 4123 8812', 3),
(5, 'Ministerio Infantil', 'Escuela dominical y materiales para niños de 3 a 12 años', 'HSBC', 'Ministerios Vida Esperanza y Amor, A.R.', '4055667788', '021180405566778891', 'Lucía Torres', '+52 55 4123 8830', 4),
(6, 'Ministerio de Matrimonios', 'Retiros, talleres y consejería para parejas', 'BBVA México', 'Ministerios Vida Esperanza y Amor, A.R.', '0246813579', '012180002468135795', 'Ricardo y Elena Vargas', '+52 55 4123 8855', 5);

INSERT INTO demo_directory (id, ministry_id, name, role, phone, email, sort_order) VALUES
(1, 1, 'Oficina de la iglesia', 'Recepción y atención general', '+52 55 4123 8800', 'contacto@vea.example.org', 0),
(2, 1, 'Pastor Roberto Hernández', 'Pastor general', '+52 55 4123 8802', 'pastor@vea.example.org', 1),
(3, 1, 'Pastora Ana María López', 'Pastora de consejería y oración', '+52 55 4123 8803', 'consejeria@vea.example.org', 2),
(4, 1, 'Patricia Gómez', 'Tesorera, donativos y recibos', '+52 55 4123 8890', 'tesoreria@vea.example.org', 3),
(5, 2, 'Daniel Ramírez', 'Líder de jóvenes', '+52 55 4123 8801', 'jovenes@vea.example.org', 4),
(6, 3, 'Jorge Castillo', 'Coordinador de misiones', '+52 55 4123 8845', 'misiones@vea.example.org', 5),
(7, 4, 'Sofía Martínez', 'Directora de alabanza', '+52 55 4123 8812', 'alabanza@vea.example.org', 6),
(8, 5, 'Lucía Torres', 'Coordinadora del ministerio infantil', '+52 55 4123 8830', 'ninos@vea.example.org', 7),
(9, 6, 'Ricardo y Elena Vargas', 'Líderes de matrimonios', '+52 55 4123 8855', 'matrimonios@vea.example.org', 8);

INSERT INTO demo_events (id, ministry_id, name, description, starts_at, location) VALUES
(1, 4, 'Noche de Alabanza', 'Una noche de música y adoración con todos los equipos de alabanza', CAST(strftime('%s', date('now', '+5 days'), '+25 hours') AS INTEGER) * 1000, 'Auditorio principal, Av. Insurgentes Sur 1234, Col. Del Valle, CDMX'),
(2, 2, 'Congreso de Jóvenes Fuego', 'Dos días de conferencias, música y talleres para jóvenes', CAST(strftime('%s', date('now', '+12 days'), '+16 hours') AS INTEGER) * 1000, 'Salón Jardín Los Olivos, Calz. de Tlalpan 3210, Coyoacán, CDMX'),
(3, 1, 'Conferencia Anual de Liderazgo', 'Capacitación para líderes y servidores de todos los ministerios', CAST(strftime('%s', date('now', '+20 days'), '+15 hours') AS INTEGER) * 1000, 'Auditorio principal, Av. Insurgentes Sur 1234, Col. Del Valle, CDMX'),
(4, 6, 'Retiro de Matrimonios', 'Fin de semana para parejas con talleres y tiempo de descanso', CAST(strftime('%s', date('now', '+27 days'), '+14 hours') AS INTEGER) * 1000, 'Casa de Retiros Monte Horeb, Carretera Federal a Cuernavaca km 42, Tepoztlán, Morelos'),
(5, 5, 'Escuela Bíblica de Vacaciones', 'Una semana de juegos, manualidades y historias bíblicas para niños', CAST(strftime('%s', date('now', '+35 days'), '+16 hours') AS INTEGER) * 1000, 'Salones infantiles, Av. Insurgentes Sur 1234, Col. Del Valle, CDMX'),
(6, 3, 'Viaje Misionero a Oaxaca', 'Salida del equipo misionero para servir en la Sierra Sur de Oaxaca', CAST(strftime('%s', date('now', '+45 days'), '+13 hours') AS INTEGER) * 1000, 'Estacionamiento de la iglesia, Av. Insurgentes Sur 1234, Col. Del Valle, CDMX');
