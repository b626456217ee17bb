// The gateway's own web fonts in a real browser on a machine that has no font for Myanmar, Khmer, Lao or Thai:
// chromium runs with a fontconfig of its own whose only fonts are Latin ones (DejaVu Sans when the machine has it),
// so any of these scripts that the gateway did not bring would be drawn as boxes. WebFontsBrowserFacts
// (tests/Gateway.Web.Tests/OperatorConsole) starts the embedded gateway on a free port, makes an account and runs
// this file; each test here is one xunit case there. With SCREENSHOTS_DIR set, both pages are saved there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const required = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through WebFontsBrowserFacts (dotnet test tests/Gateway.Web.Tests --filter WebFontsBrowserFacts).`);
  return value;
};
const gateway = required("GATEWAY_URL");
const account = JSON.parse(required("FONTS_ACCOUNT"));
const shots = process.env.SCREENSHOTS_DIR;
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

// Each script, the face that must draw it, and what is drawn: every character of that script in the language's
// shipped texts (localization/<code>.yaml), and for Shan and Pwo Karen also the letters of their own in the
// Myanmar block (Shan U+1075-U+1081, Pwo Karen U+1065-U+1066 and U+106E-U+1070), which Burmese does not use.
const letters = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join("");
const scripts = [
  { language: "my", family: "Noto Sans Myanmar", range: [0x1000, 0x109f], extra: "" },
  { language: "shn", family: "Noto Sans Myanmar", range: [0x1000, 0x109f], extra: letters(0x1075, 0x1081) },
  { language: "pwo", family: "Noto Sans Myanmar", range: [0x1000, 0x109f], extra: letters(0x1065, 0x1066) + letters(0x106e, 0x1070) },
  { language: "km", family: "Noto Sans Khmer", range: [0x1780, 0x17ff], extra: "" },
  { language: "lo", family: "Noto Sans Lao", range: [0x0e80, 0x0eff], extra: "" },
  { language: "th", family: "Noto Sans Thai", range: [0x0e00, 0x0e7f], extra: "" },
].map(script => {
  const text = fs.readFileSync(path.join(repository, "localization", `${script.language}.yaml`), "utf8");
  const used = [...new Set([...text].filter(c => c.codePointAt(0) >= script.range[0] && c.codePointAt(0) <= script.range[1]))].join("");
  assert.ok(used.length > 0, `localization/${script.language}.yaml has no character of its script`);
  return { ...script, sample: used + script.extra };
});

// A fontconfig with no font for these scripts: one folder holding only the machine's Latin DejaVu Sans, if any.
function emptyFontconfig() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "gateway-fonts-"));
  fs.mkdirSync(path.join(folder, "fonts"));
  for (const file of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
    const source = path.join("/usr/share/fonts/truetype/dejavu", file);
    if (fs.existsSync(source)) fs.copyFileSync(source, path.join(folder, "fonts", file));
  }
  fs.writeFileSync(path.join(folder, "fonts.conf"), `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${path.join(folder, "fonts")}</dir>
  <cachedir>${path.join(folder, "cache")}</cachedir>
</fontconfig>
`);
  return folder;
}

let browser;
let fontconfig;

before(async () => {
  fontconfig = emptyFontconfig();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    env: { ...process.env, FONTCONFIG_FILE: path.join(fontconfig, "fonts.conf") },
  });
});

after(async () => {
  await browser?.close();
  if (fontconfig) fs.rmSync(fontconfig, { recursive: true, force: true });
});

// Collects what the page says about its Content-Security-Policy: a font it refused would show here.
function watchRefusals(page) {
  const refused = [];
  page.on("console", message => { if (/Content Security Policy|Refused to load/i.test(message.text())) refused.push(message.text()); });
  page.on("requestfailed", request => refused.push(`${request.url()}: ${request.failure()?.errorText}`));
  return refused;
}

// The fonts chromium really drew a node's text with (DevTools' CSS.getPlatformFontsForNode).
async function fontsOf(page, selector) {
  const client = await page.context().newCDPSession(page);
  await client.send("DOM.enable");
  await client.send("CSS.enable");
  const { root } = await client.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await client.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  assert.ok(nodeId, `no element ${selector} on ${page.url()}`);
  const { fonts } = await client.send("CSS.getPlatformFontsForNode", { nodeId });
  await client.detach();
  return fonts;
}

// Adds each script's sample to the page inside `container` (so it takes the page's own styles), waits for the
// fonts, and checks that each family's regular face is `loaded` and is the only font that drew its sample. A
// control sample in the machine's generic sans-serif must not be drawn by any of these faces or a system font
// named for the script: that shows the machine itself has none.
async function checkScripts(page, container) {
  await page.evaluate(({ container, scripts }) => {
    const holder = document.querySelector(container);
    for (const script of [...scripts, { language: "control", sample: scripts[0].sample }]) {
      const sample = document.createElement("p");
      sample.id = `font-sample-${script.language}`;
      sample.lang = script.language === "control" ? "my" : script.language;
      sample.textContent = script.sample;
      if (script.language === "control") sample.style.fontFamily = "sans-serif";
      holder.append(sample);
    }
  }, { container, scripts });
  await page.evaluate(() => document.fonts.ready);

  const faces = await page.evaluate(() => [...document.fonts].map(face => ({ family: face.family.replaceAll('"', ""), weight: face.weight, status: face.status })));
  for (const family of new Set(scripts.map(s => s.family))) {
    const regular = faces.find(face => face.family === family && face.weight === "400");
    assert.ok(regular, `${page.url()} declares no regular face of ${family}: ${JSON.stringify(faces)}`);
    assert.equal(regular.status, "loaded", `${family} on ${page.url()}`);
  }

  for (const script of scripts) {
    const fonts = await fontsOf(page, `#font-sample-${script.language}`);
    assert.deepEqual(fonts.map(f => ({ family: f.familyName, custom: f.isCustomFont })), [{ family: script.family, custom: true }],
      `${script.language} on ${page.url()} was drawn with ${JSON.stringify(fonts)}`);
  }

  const control = await fontsOf(page, "#font-sample-control");
  assert.ok(control.every(f => !f.isCustomFont && !/Myanmar|Khmer|Lao|Thai|Padauk|Zawgyi/i.test(f.familyName)),
    `the machine's own fonts drew Burmese (${JSON.stringify(control)}): the fontconfig is not empty of these scripts`);
}

test("the simulator draws Burmese, Shan, Pwo Karen, Khmer, Lao and Thai with the gateway's own fonts", async () => {
  const context = await browser.newContext({ viewport: { width: 420, height: 780 } });
  const page = await context.newPage();
  const refused = watchRefusals(page);
  await page.goto(gateway + "/simulator/");
  // Burmese picked by its own name in the language list, then a first message: the reply comes in Burmese.
  await page.waitForSelector('#language option[value="my"]', { state: "attached" });
  await page.selectOption("#language", "my");
  await page.fill("#text", "hello");
  await page.click("form#send button[type=submit]");
  await page.locator(".msg.out").first().waitFor({ timeout: 15_000 });
  await page.evaluate(() => document.fonts.ready);
  for (const selector of [".msg.out", "#language"]) {
    const fonts = (await fontsOf(page, selector)).map(f => f.familyName);
    assert.ok(fonts.includes("Noto Sans Myanmar"), `${selector} (Burmese) was drawn with ${fonts.join(", ")}`);
  }

  if (shots) await page.screenshot({ path: path.join(shots, "fonts-simulator.png") });
  await checkScripts(page, "#log");
  assert.deepEqual(refused, []);
  await context.close();
});

test("the console draws Burmese, Shan, Pwo Karen, Khmer, Lao and Thai with the gateway's own fonts", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const refused = watchRefusals(page);
  await page.goto(gateway + "/console/sign-in");
  await page.fill("#account", account.id);
  await page.fill("#password", account.password);
  await Promise.all([page.waitForURL("**/console/reports"), page.click("button[type=submit]")]);
  // "Choose your language" in every language, each in its own script.
  const response = await page.goto(gateway + "/console/translations?key=language.choose");
  assert.match(response.headers()["content-security-policy"] ?? "", /default-src 'self'/, "the console page is served under its Content-Security-Policy");
  const text = (await fontsOf(page, 'td[lang="my"]')).map(f => f.familyName);
  assert.ok(text.includes("Noto Sans Myanmar"), `a Burmese text on the translations page was drawn with ${text.join(", ")}`);

  if (shots) await page.screenshot({ path: path.join(shots, "fonts-console.png"), fullPage: true });
  await checkScripts(page, "main");
  assert.deepEqual(refused, []);
  await context.close();
});
