// Browser tests of the operator console: headless Debian chromium (/usr/bin/chromium) driven by playwright-core.
// ConsoleBrowserFacts (tests/Gateway.Web.Tests/OperatorConsole) starts the gateway on a free port with WireMock
// standing in for Twilio, makes the accounts, and runs this file with node's test runner; each test here is one
// xunit case there. With SCREENSHOTS_DIR set, the main pages are also saved at 360 px and desktop widths.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { chromium } from "playwright-core";

const required = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through ConsoleBrowserFacts (dotnet test tests/Gateway.Web.Tests --filter ConsoleBrowserFacts).`);
  return value;
};
const gateway = required("GATEWAY_URL");
const publicBase = required("GATEWAY_PUBLIC_BASE_URL");
const authToken = required("TWILIO_AUTH_TOKEN");
const mock = required("MOCK_URL");
const accounts = JSON.parse(required("CONSOLE_ACCOUNTS"));
const pagedNumbers = required("PAGED_NUMBERS").split(",");
const levelSeconds = Number(required("LEVEL_SECONDS"));
const shots = process.env.SCREENSHOTS_DIR;
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const phone = { width: 360, height: 780 };
const desktop = { width: 1280, height: 900 };
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
let browser;
const shared = {};

before(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
});

after(async () => {
  await browser?.close();
});

// Twilio's signature: HMAC-SHA1 over the public URL and the sorted form fields, with the auth token.
async function textGateway(from, body) {
  const form = { MessageSid: "SM" + crypto.randomUUID().replaceAll("-", ""), AccountSid: "ACtest", From: from, To: "+15005550006", Body: body, NumMedia: "0" };
  const signed = publicBase + "/sms/twilio" + Object.keys(form).sort().map(k => k + form[k]).join("");
  const signature = crypto.createHmac("sha1", authToken).update(signed, "utf8").digest("base64");
  const response = await fetch(gateway + "/sms/twilio", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(form),
  });
  const xml = await response.text();
  assert.equal(response.status, 200, `the SMS webhook answered ${response.status}: ${xml}`);
  return xml;
}

const referenceIn = xml => (xml.match(/\b[2-9A-HJ-NP-Z]{7}\b/g) ?? [])[0];

// Every SMS the gateway sent to Twilio (WireMock), as { to, body, at }.
async function sentSms() {
  const response = await fetch(mock + "/__admin/requests");
  const entries = await response.json();
  return entries
    .map(e => e.Request ?? e.request)
    .filter(r => (r.Path ?? r.path ?? "").endsWith("/Messages.json"))
    .map(r => {
      const fields = r.BodyAsFormUrlEncoded ?? r.bodyAsFormUrlEncoded;
      const form = fields ? new URLSearchParams(fields) : new URLSearchParams(r.Body ?? r.body ?? "");
      return { to: form.get("To"), body: form.get("Body") ?? "", at: new Date(r.DateTime ?? r.dateTime) };
    });
}

async function waitFor(what, check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Waited ${seconds} s for ${what}.`);
    await sleep(250);
  }
}

async function signedIn(who, viewport = desktop) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(gateway + "/console/sign-in");
  await page.fill("#account", accounts[who].id);
  await page.fill("#password", accounts[who].password);
  await Promise.all([page.waitForURL("**/console/reports"), page.click("button[type=submit]")]);
  return { context, page };
}

async function screenshot(page, name, fullPage = true) {
  if (!shots) return;
  await page.screenshot({ path: path.join(shots, name + ".png"), fullPage });
}

// The menu path to a report with consent to be texted back: English (and Thailand, if the gateway asks), report,
// someone forced or held, not under 18, no place, about me, may text: yes, may call: no.
async function reportWithConsent(from) {
  await textGateway(from, "hello");
  if (/country/i.test(await textGateway(from, "1"))) await textGateway(from, "1");
  for (const step of ["5", "1", "1", "2", "1", "1", "1"]) await textGateway(from, step);
  return referenceIn(await textGateway(from, "2"));
}

test("sign in: a wrong password is refused, the right one opens the reports, five wrong ones lock the account", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(gateway + "/console/reports");
  assert.match(page.url(), /\/console\/sign-in/, "the console sends a signed-out visitor to sign in");
  await screenshot(page, "sign-in-360");
  await page.fill("#account", accounts.admin.id);
  await page.fill("#password", "not the password at all");
  await page.click("button[type=submit]");
  assert.match(await page.textContent("#sign-in-error"), /wrong/);
  await page.fill("#password", accounts.admin.password);
  await Promise.all([page.waitForURL("**/console/reports"), page.click("button[type=submit]")]);
  assert.equal(await page.textContent("h1"), "Reports");
  await context.close();

  const locked = await browser.newContext();
  const lockPage = await locked.newPage();
  await lockPage.goto(gateway + "/console/sign-in");
  for (let i = 0; i < 5; i++) {
    await lockPage.fill("#account", accounts.lockout.id);
    await lockPage.fill("#password", "wrong password number " + i);
    await lockPage.click("button[type=submit]");
  }
  await lockPage.fill("#account", accounts.lockout.id);
  await lockPage.fill("#password", accounts.lockout.password);
  await lockPage.click("button[type=submit]");
  assert.match(await lockPage.textContent("#sign-in-error"), /locked/, "the right password is refused while the account is locked");
  assert.match(lockPage.url(), /sign-in/);
  if (shots) {
    const wide = await browser.newContext({ viewport: desktop });
    const widePage = await wide.newPage();
    await widePage.goto(gateway + "/console/sign-in");
    await screenshot(widePage, "sign-in-desktop");
    await wide.close();
  }
  await locked.close();
});

test("a report made through the SMS webhook appears in the list without a reload", async () => {
  const { context, page } = await signedIn("responder");
  await page.evaluate(() => { window.notReloaded = true; });
  const reference = referenceIn(await textGateway("+66812340501", "SOS"));
  assert.ok(reference, "the SOS confirmation carries a reference");
  shared.sosReference = reference;
  await page.waitForSelector(`tr[data-ref="${reference}"]`, { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true, "the row came without a page reload");
  assert.match(await page.textContent(`tr[data-ref="${reference}"]`), /open/);
  await screenshot(page, "reports-desktop");
  await context.close();
});

test("acknowledging a report on its page stops the escalation: WireMock sees no further pages", async () => {
  const reference = shared.sosReference;
  assert.ok(reference, "needs the report of the previous test");
  const isPage = m => pagedNumbers.includes(m.to) && m.body.includes(reference);
  await waitFor("the first page of " + reference, async () => (await sentSms()).some(isPage), 30);
  const { context, page } = await signedIn("responder");
  await page.goto(`${gateway}/console/reports/${reference}`);
  await screenshot(page, "report-desktop");
  await Promise.all([page.waitForURL(/done=acknowledge/), page.click("#acknowledge")]);
  assert.equal(await page.textContent("#status"), "acknowledged");
  const before = (await sentSms()).filter(isPage).length;
  await sleep((2 * levelSeconds + 3) * 1000);
  const afterPages = (await sentSms()).filter(isPage).length;
  assert.equal(afterPages, before, `pages after the acknowledgement: ${afterPages - before}`);
  const phonePage = await (await browser.newContext({ viewport: phone })).newPage();
  await context.close();
  if (shots) {
    await phonePage.goto(gateway + "/console/sign-in");
    await phonePage.fill("#account", accounts.responder.id);
    await phonePage.fill("#password", accounts.responder.password);
    await Promise.all([phonePage.waitForURL("**/console/reports"), phonePage.click("button[type=submit]")]);
    await screenshot(phonePage, "reports-360");
    await phonePage.goto(`${gateway}/console/reports/${reference}`);
    await screenshot(phonePage, "report-360");
  }
  await phonePage.context().close();
});

test("a reply from the report page reaches WireMock as an SMS to the reporter, and the answer joins the timeline", async () => {
  const reporter = "+66812340502";
  const reference = await reportWithConsent(reporter);
  assert.ok(reference, "the report flow confirms with a reference");
  const { context, page } = await signedIn("responder");
  await page.goto(`${gateway}/console/reports/${reference}`);
  const shown = await page.textContent("#number");
  assert.ok(!shown.includes(reporter), "the number is masked");
  assert.match(shown, /\*+502/);
  const text = "Hope Shelter here. Are you safe to talk now? " + crypto.randomUUID().slice(0, 8);
  await page.fill("#reply-text", text);
  await Promise.all([page.waitForURL(/done=reply/), page.click("#send-reply")]);
  const reply = await waitFor("the reply at WireMock", async () => (await sentSms()).find(m => m.body === text), 20);
  assert.equal(reply.to, reporter, "the reply goes to the reporter's own number");
  await textGateway(reporter, "yes safe now");
  await page.reload();
  assert.match(await page.textContent("#timeline"), /yes safe now/);
  assert.match(await page.textContent("#timeline"), /The person answered by sms/);
  await Promise.all([page.waitForSelector("#revealed"), page.click("#reveal")]);
  assert.equal(await page.textContent("#revealed"), reporter);
  assert.match(await page.textContent("#timeline"), /number was revealed to/);
  await context.close();
});

test("a viewer sees no acknowledge button, and a forged acknowledge is refused with 403", async () => {
  const reference = referenceIn(await textGateway("+66812340503", "SOS"));
  const { context, page } = await signedIn("viewer");
  await page.goto(`${gateway}/console/reports/${reference}`);
  assert.equal(await page.locator("#acknowledge").count(), 0);
  assert.match(await page.textContent("#read-only"), /viewer/);
  const token = await page.getAttribute("input[name=__RequestVerificationToken]", "value");
  const forged = await context.request.post(`${gateway}/console/reports/${reference}?handler=Acknowledge`, { form: { __RequestVerificationToken: token }, maxRedirects: 0 });
  assert.equal(forged.status(), 403);
  await page.reload();
  assert.equal(await page.textContent("#status"), "open", "the report is still open");
  await context.close();
});

test("a form posted without its antiforgery token is refused with 400", async () => {
  const { context } = await signedIn("responder");
  const reference = shared.sosReference;
  const response = await context.request.post(`${gateway}/console/reports/${reference}?handler=Note`, { form: { text: "no token" }, maxRedirects: 0 });
  assert.equal(response.status(), 400);
  await context.close();
});

test("the jobs dashboard opens for an admin and is refused to a responder", async () => {
  const responder = await signedIn("responder");
  const refused = await responder.context.request.get(gateway + "/console/jobs", { maxRedirects: 0 });
  assert.equal(refused.status(), 403);
  await responder.context.close();
  const admin = await signedIn("admin");
  const response = await admin.page.goto(gateway + "/console/jobs");
  assert.equal(response.status(), 200);
  assert.match(await admin.page.content(), /Gateway jobs/);
  await admin.context.close();
});

test("an editor changes a Burmese text and the simulator shows it", async () => {
  const { context, page } = await signedIn("editor");
  const words = "ပြဿနာ တိုင်ကြားရန် (ပြင်ဆင်ပြီး)";
  await page.goto(gateway + "/console/translations/edit?language=my&key=menu.report");
  assert.equal(await page.getAttribute("#text", "lang"), "my");
  await page.fill("#text", words);
  await page.click("main form button[type=submit]");
  await page.waitForSelector("main [role=status]");
  assert.match(await page.textContent("main [role=status]"), /Saved as a draft and served as revision/);
  await screenshot(page, "translation-edit");

  await page.goto(gateway + "/simulator/");
  await page.waitForSelector("#language option[value=my]", { state: "attached" });
  await page.selectOption("#language", "my");
  await page.fill("#text", "MENU");
  await page.click("#send button[type=submit]");
  await page.waitForFunction(expected => document.getElementById("log").textContent.includes(expected), words, { timeout: 10000 });
  await context.close();
});

test("the flows page draws every flow as a diagram whose states lead to their texts", async () => {
  const { context, page } = await signedIn("viewer");
  const problems = [];
  page.on("console", message => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", error => problems.push(error.message));
  await page.goto(gateway + "/console/flows");
  const flows = await page.$$eval("pre.mermaid[data-flow]", sources => sources.map(s => s.dataset.flow));
  assert.ok(flows.includes("main"), `the flows page lists ${flows.join(", ")}`);
  await page.waitForFunction(count => document.querySelectorAll(".diagram[data-drawn]").length === count, flows.length, { timeout: 30000 });
  const failed = await page.$$eval(".diagram[data-drawn=false]", holders => holders.map(h => h.textContent));
  assert.deepEqual(failed, [], "every diagram is drawn");
  assert.equal(await page.locator(".diagram svg").count(), flows.length);
  assert.deepEqual(problems, [], "no script or content-security errors");

  await page.locator("#flow-main").scrollIntoViewIfNeeded();
  await screenshot(page, "flows", false);
  const menu = page.locator("#flow-main .diagram g.node.linked", { hasText: /^\s*menu\s*$/ }).first();
  await menu.click();
  await page.waitForFunction(() => location.hash === "#state-main-menu");
  assert.match(await page.textContent("#state-main-menu"), /menu\.intro|menu\./);
  await context.close();
});
