// Taking a course's quiz as a learner would, with the pack as the answer key.
import assert from "node:assert/strict";

/** The pack as the server sends it: the test's answer key. */
export async function packOf(server, id) {
  const response = await fetch(`${server.url}/api/courses/${id}/pack`);
  assert.equal(response.status, 200);
  return response.json();
}

/** Option indices that answer `q` right, or surely wrong. */
export function choiceFor(q, right) {
  const count = q.kind === "true_false" ? 2 : q.options.length;
  if (right) return q.correct;
  const wrong = [...Array(count).keys()].find((i) => !q.correct.includes(i));
  return [wrong];
}

export async function answer(page, q, right) {
  const options = page.locator(`fieldset[data-question="${q.id}"] label.option`);
  for (const i of choiceFor(q, right)) {
    await options.nth(i).click();
    await page.waitForFunction(
      ([id, n]) => document.querySelectorAll(`fieldset[data-question="${id}"] input`)[n]?.checked === true,
      [q.id, i],
    );
  }
  await page.getByText("Jawaban tersimpan di ponsel.").waitFor();
}

export async function takeQuiz(page, pack, right) {
  const questions = pack.quiz.questions;
  for (const [n, q] of questions.entries()) {
    await page.getByText(`Pertanyaan ${n + 1} dari ${questions.length}`).waitFor();
    await answer(page, q, right);
    const last = n + 1 === questions.length;
    await page.getByRole("button", { name: last ? "Kumpulkan jawaban" : "Berikutnya" }).click();
  }
}

