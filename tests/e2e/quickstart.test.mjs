// The README's quick start in a real browser, against a gateway started as the README starts it (no settings):
// QuickStartBrowserHost (tests/Gateway.Web.Tests/OperatorConsole) runs the built gateway, reads the local admin's
// account and password from its start-up log, and runs this file with node's test runner; each test here is one
// xunit case in QuickStartBrowserFacts. With SCREENSHOTS_DIR set, each step is saved there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { chromium } from "playwright-core";

const required = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through QuickStartBrowserFacts (dotnet test tests/Gateway.Web.Tests --filter QuickStartBrowserFacts).`);
  return value;
};
const gateway = required("GATEWAY_URL");
const account = required("ADMIN_ACCOUNT");
const password = required("ADMIN_PASSWORD");
const shots = process.env.SCREENSHOTS_DIR;
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 800 };
const reference = /\b[2-9A-HJ-NP-Z]{7}\b/;
let browser;

before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
});

after(async () => {
  await browser?.close();
});

async function screenshot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, name + ".png"), fullPage: true });
}

// Types a message on the simulated phone and returns the replies it brought.
async function text(page, body) {
  const before = await page.locator(".msg.out, .msg.err").count();
  await page.fill("#text", body);
  await page.press("#text", "Enter");
  await page.locator(".msg.out, .msg.err").nth(before).waitFor();
  await page.waitForTimeout(0);
  return (await page.locator(".msg.out, .msg.err").allTextContents()).slice(before).join("\n");
}

async function signIn(page) {
  await page.goto(gateway + "/console");
  await page.waitForURL("**/console/sign-in**");
  await page.fill("#account", account);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL("**/console/reports"), page.click("button[type=submit]")]);
}

test("quick start: an SOS sent in Burmese from the simulator is in the console of the admin the start-up log printed", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const missing = [];
  page.on("response", response => { if (response.status() === 404) missing.push(response.url()); });

  await page.goto(gateway + "/");
  await page.waitForURL("**/simulator/");
  await page.waitForSelector("#language option[value=my]", { state: "attached" });
  await page.selectOption("#language", "my");
  const reply = await text(page, "SOS");
  const sent = reply.match(reference)?.[0];
  assert.ok(sent, `the SOS got no reference: ${reply}`);
  assert.match(reply, /SOS/);
  await screenshot(page, "quickstart-1-simulator-sos");

  await page.setViewportSize(desktop);
  await signIn(page);
  const row = page.locator(`a[href="/console/reports/${sent}"]`);
  await row.waitFor();
  await screenshot(page, "quickstart-2-reports");
  await Promise.all([page.waitForURL(`**/console/reports/${sent}`), row.click()]);
  assert.equal((await page.textContent("#reference")).trim(), sent);
  await screenshot(page, "quickstart-3-report");

  // The browser asked for nothing the gateway does not serve (the favicon included).
  const icon = await page.request.get(gateway + "/favicon.ico");
  assert.equal(icon.status(), 200);
  assert.deepEqual(missing, []);
  await context.close();
});

test("the simulator's language and country pickers apply whenever they change, not only to the first message", async () => {
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  await page.goto(gateway + "/simulator/");
  await page.waitForSelector("#language option[value=th]", { state: "attached" });
  await page.selectOption("#language", "my");
  await page.selectOption("#country", "TH");
  assert.match(await text(page, "hello"), /1\. မသွားမီ/);

  await page.selectOption("#language", "th");
  assert.match(await text(page, "hello"), /1\. ก่อนออกเดินทาง/);

  // Help in another country lists that country's hotlines.
  await page.selectOption("#language", "en");
  await page.selectOption("#country", "KH");
  await text(page, "hello");
  const help = await text(page, "4");
  assert.match(help, /^In Cambodia/m, help);
  assert.doesNotMatch(help, /1300/, help);
  await screenshot(page, "quickstart-4-pickers");
  await context.close();
});

test("the translations table wraps a key only after its dots, and fits the page at desktop width", async () => {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(gateway + "/console/translations?language=my");
  const keys = page.locator('td[data-label="Key"] code');
  await keys.first().waitFor();
  // An inline element has one client rect per line it takes; a key of n words (between dots and underscores) takes at most n lines.
  const lines = await keys.evaluateAll(codes => codes.map(c => ({ key: c.textContent, lines: c.getClientRects().length })));
  assert.ok(lines.length > 50, `only ${lines.length} keys`);
  const wrapped = lines.filter(l => l.lines > l.key.split(/[._]/).length);
  assert.deepEqual(wrapped, [], "keys wrapped inside a word");
  const overflow = await page.evaluate(() => {
    const main = document.querySelector("main");
    const style = getComputedStyle(main);
    const room = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Math.ceil(document.querySelector("table.translations").getBoundingClientRect().width - room);
  });
  assert.ok(overflow <= 0, `the table is ${overflow} px wider than the page`);
  await screenshot(page, "quickstart-5-translations");
  await context.close();
});
