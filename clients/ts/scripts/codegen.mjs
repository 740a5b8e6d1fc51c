// Generates src/generated/ from the committed JSON schemas in ../../schema
// with @cosmwasm/ts-codegen (per contract: its message and response types, a
// query client, a signing client and a message composer, all on CosmJS;
// and index.ts exporting them), or with --check fails when the committed
// files differ from a fresh generation.
//
// ts-codegen 0.35.7 is the last release that generates CosmJS clients (1.x
// generates clients of interchainjs). One fix is applied to its output, the
// one 1.x made upstream: the options of an execute call (`fee`, `memo`,
// `_funds`) are renamed `fee_`, `memo_`, `funds_`, since a message field
// named `fee` (the token handler's register_coin, update_coin) otherwise
// collides with them ("Duplicate identifier 'fee'").
//
//   node scripts/codegen.mjs           # npm run codegen
//   node scripts/codegen.mjs --check   # npm run codegen:check
//
// Deterministic: the contracts are taken in sorted order, the output has no
// timestamps (only ts-codegen's pinned version in each header), and nothing
// outside src/generated/ is written. Every schema/*.json is a contract.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import tsCodegen from "@cosmwasm/ts-codegen";

const codegen = tsCodegen.default ?? tsCodegen;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = path.resolve(root, "../../schema");
const outDir = path.join(root, "src/generated");
const check = process.argv.includes("--check");
for (const arg of process.argv.slice(2)) {
  if (arg !== "--check") {
    console.error(`usage: node scripts/codegen.mjs [--check] (unknown argument ${arg})`);
    process.exit(2);
  }
}

// "token-handler.json" -> "TokenHandler"
const pascal = (name) =>
  name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

const schemas = fs
  .readdirSync(schemaDir)
  .filter((file) => file.endsWith(".json"))
  .sort();
if (schemas.length === 0) {
  console.error(`no schemas in ${schemaDir}`);
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cw-btp-ts-codegen-"));
try {
  // ts-codegen reads a directory per contract.
  const contracts = schemas.map((file) => {
    const name = file.replace(/\.json$/, "");
    const dir = path.join(work, "schema", name);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(schemaDir, file), path.join(dir, file));
    return { name: pascal(name), dir };
  });
  const fresh = path.join(work, "generated");
  // ts-codegen logs every file it writes; keep the output to what matters.
  const log = console.log;
  console.log = () => {};
  try {
    await codegen({
      contracts,
      outPath: fresh,
      options: {
        // index.ts is written below: ts-codegen's bundle exports values only.
        bundle: { enabled: false },
        types: { enabled: true, aliasExecuteMsg: true },
        // Not extending the query client: the HTLC has an execute `lock`
        // and a query `lock`.
        client: { enabled: true, execExtendsQuery: false },
        messageComposer: { enabled: true },
        messageBuilder: { enabled: false },
        reactQuery: { enabled: false },
        recoil: { enabled: false },
        useContractsHook: { enabled: false },
      },
    });
  } finally {
    console.log = log;
  }
  for (const { name } of contracts) fixExecuteOptions(path.join(fresh, `${name}.client.ts`));
  fs.writeFileSync(path.join(fresh, "index.ts"), indexOf(contracts.map(({ name }) => name)));

  if (check) {
    const problems = compare(outDir, fresh);
    if (problems.length > 0) {
      console.error("clients/ts/src/generated/ is out of date with schema/:");
      for (const problem of problems) console.error(`  ${problem}`);
      console.error(
        "regenerate it with `npm run codegen` in clients/ts (or `bash scripts/schema.sh`) and commit the result",
      );
      process.exit(1);
    }
    console.log(`clients/ts/src/generated/ matches schema/ (${schemas.length} contracts)`);
  } else {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.cpSync(fresh, outDir, { recursive: true });
    console.log(
      `generated ${listFiles(outDir).length} files in clients/ts/src/generated/ from ${schemas.length} schemas`,
    );
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

// The fix described at the top, in the interface and in the class.
function fixExecuteOptions(file) {
  const before = fs.readFileSync(file, "utf8");
  const after = before
    .replaceAll(
      'fee?: number | StdFee | "auto", memo?: string, _funds?: Coin[]',
      'fee_?: number | StdFee | "auto", memo_?: string, funds_?: Coin[]',
    )
    .replaceAll(
      'fee: number | StdFee | "auto" = "auto", memo?: string, _funds?: Coin[]',
      'fee_: number | StdFee | "auto" = "auto", memo_?: string, funds_?: Coin[]',
    )
    .replaceAll("}, fee, memo, _funds);", "}, fee_, memo_, funds_);");
  if (/_funds\b/.test(after)) {
    throw new Error(`${file}: ts-codegen's output changed; the execute options were not all renamed`);
  }
  fs.writeFileSync(file, after);
}

// Every contract's clients and message composer, and its types as a namespace
// (the types of different contracts share names: ExecuteMsg, Uint128, ...).
function indexOf(names) {
  const lines = [
    "// Generated by scripts/codegen.mjs from schema/: do not edit by hand.",
    "// Per contract X: XClient, XQueryClient, XMsgComposer (and their interfaces),",
    "// and its message and response types as the namespace XTypes.",
  ];
  for (const name of names) {
    lines.push(`export * from "./${name}.client";`);
    lines.push(`export * from "./${name}.message-composer";`);
    lines.push(`export * as ${name}Types from "./${name}.types";`);
  }
  return lines.join("\n") + "\n";
}

function listFiles(dir, prefix = "") {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), path.join(prefix, entry.name))
        : [path.join(prefix, entry.name)],
    )
    .sort();
}

// Differences between the committed files and a fresh generation, byte for byte.
function compare(committed, fresh) {
  const have = new Set(listFiles(committed));
  const want = new Set(listFiles(fresh));
  const problems = [];
  for (const file of want) {
    if (!have.has(file)) {
      problems.push(`missing: ${file}`);
    } else if (!fs.readFileSync(path.join(committed, file)).equals(fs.readFileSync(path.join(fresh, file)))) {
      problems.push(`differs: ${file}${firstDifference(path.join(committed, file), path.join(fresh, file))}`);
    }
  }
  for (const file of have) {
    if (!want.has(file)) problems.push(`not generated any more: ${file}`);
  }
  return problems;
}

function firstDifference(a, b) {
  const left = fs.readFileSync(a, "utf8").split("\n");
  const right = fs.readFileSync(b, "utf8").split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return ` (line ${i + 1}: committed ${JSON.stringify(left[i] ?? "<end>")}, generated ${JSON.stringify(right[i] ?? "<end>")})`;
    }
  }
  return "";
}
