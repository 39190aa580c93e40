// A forged client: events sent straight to the sync API, claiming what was never earned. The server
// must credit only what its own rule derives from the events and its copy of the pack.
import assert from "node:assert/strict";
import { randomUUID, getRandomValues } from "node:crypto";
import { choiceFor } from "./quiz.mjs";

/** A UUID v7 for `ms`, as the app makes event ids. */
export function eventId(ms) {
  const b = getRandomValues(new Uint8Array(16));
  let t = BigInt(ms);
  for (let i = 5; i >= 0; i -= 1) {
    b[i] = Number(t & 0xffn);
    t >>= 8n;
  }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Logs in through the API as a new device of the learner. */
export async function apiSession(server, nip, password) {
  const deviceId = randomUUID();
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ nip, password, device_id: deviceId }),
  });
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return { token: body.token, deviceId, nip };
}

/** Pushes `bodies(id)` (a function given the id of each event in turn) as one batch; all must be acknowledged. */
export async function push(server, session, bodies) {
  const start = Date.now();
  const ids = [];
  const id = (n) => (ids[n] ??= eventId(start + n));
  const events = bodies(id).map((body, n) => ({
    id: id(n),
    device_id: session.deviceId,
    device_time_ms: start + n,
    body,
  }));
  const response = await fetch(`${server.url}/api/sync/push`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ protocol_version: 2, device_id: session.deviceId, learner: session.nip, sent_at_ms: Date.now(), events }),
  });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  assert.equal(answer.acknowledged.length, events.length);
  return events;
}

/** A completion with nothing behind it: no lesson, no quiz, only the claim of `jp`. */
export function bareCompletion(courseId, jp) {
  return () => [{ kind: "course_completed", payload: { course_id: courseId, jp } }];
}

/** Every lesson marked done and every question answered wrong, yet handed in as a full score with `jp` claimed. */
export function wrongAnswersClaimedFull(pack, jp) {
  return attempt(pack, false, jp);
}

/** What the app sends for an honest completion: every lesson, the right answers, the pack's JP. */
export function honestCompletion(pack) {
  return attempt(pack, true, pack.jp);
}

function attempt(pack, right, jp) {
  const course_id = pack.id;
  const questions = pack.quiz.questions;
  return (id) => {
    const lessons = pack.lessons.map((l) => ({ kind: "lesson_completed", payload: { course_id, lesson_id: l.id } }));
    const start = lessons.length;
    const attempt = id(start);
    return [
      ...lessons,
      { kind: "quiz_started", payload: { course_id, course_version: pack.version } },
      ...questions.map((q) => ({ kind: "answer_given", payload: { course_id, attempt, question_id: q.id, choice: choiceFor(q, right) } })),
      { kind: "quiz_submitted", payload: { course_id, attempt, correct: questions.length, total: questions.length } },
      { kind: "course_completed", payload: { course_id, jp } },
    ];
  };
}
