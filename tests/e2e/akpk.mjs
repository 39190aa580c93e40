// A small competency framework for the survey's tests and screenshots, written straight into the
// server's SQLite database (the admin's framework import is not what these pages test).
import { execFileSync } from "node:child_process";

export const POSITION = "Penguji Survei Lentera";
// Four competencies the position needs at level 3; two develop through library courses.
export const COMPETENCIES = [
  ["E2E-01", "Mengelola data layanan", "keamanan-digital"],
  ["E2E-02", "Menulis untuk publik", null],
  ["E2E-03", "Memakai sistem informasi", "sistem-informasi"],
  ["E2E-04", "Bekerja dalam tim lintas unit", null],
];

/** Writes the framework, and gives these learners the position that requires it. */
export function seedFramework(db, nips) {
  const rows = COMPETENCIES.map(([code, name, course], i) => {
    const levels = [1, 2, 3, 4, 5].map((n) => `'${name}: uraian level ${n}.'`).join(", ");
    const competency = `insert into competencies (code, kind, name, description, pillars, level1, level2, level3, level4, level5, ordinal, updated_at_ms) values ('${code}', 'teknis', '${name}', 'Uraian singkat ${name}.', 'cakap', ${levels}, ${i}, 0);`;
    const requirement = `insert into position_requirements (position_key, position, competency, level) values ('${POSITION.toLowerCase()}', '${POSITION}', '${code}', 3);`;
    const mapped = course ? `insert into competency_courses (competency, course_id, ordinal) values ('${code}', '${course}', 0);` : "";
    return competency + requirement + mapped;
  });
  const people = nips.map((nip) => `update learners set position = '${POSITION}' where nip = '${nip}';`);
  const script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()";
  execFileSync("python3", ["-c", script, db, rows.join("") + people.join("")]);
}
