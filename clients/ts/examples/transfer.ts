// A token transfer from one chain to the other with the generated clients,
// waited for until its reply is back on the sending chain.
//
//   npx tsx examples/transfer.ts [--config F] [--from btp-a] [--to btp-b]
//       [--coin NAME] [--amount 1000] [--key user | --mnemonic-file F]
//       [--receiver ADDRESS] [--timeout-secs 180]
//
// Sends AMOUNT of a coin at home on FROM (default: its first native coin in
// the config) to RECEIVER on TO (default: a fresh address, so its balance
// starts at zero) with TokenHandlerClient.transfer, signed by KEY's mnemonic
// (keyring_dir/keys/KEY.mnemonic, as scripts/localnet.sh writes them). Then,
// polling with the generated query clients while a relayer runs
// (`btp relay`), waits until
//   - TO's message center has received the message (is_received),
//   - the receiver holds the wrapped coin, the amount minus the transfer fee
//     the handler quoted (transfer_fee), and
//   - FROM's token handler no longer lists the transfer as pending (its
//     reply arrived), and the sender was not refunded.
// Exits 0 when all hold, 1 with the reason when anything is off or the
// deadline passes, 2 on bad arguments.
import { parseArgs } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";
import {
  MessageCenterQueryClient,
  TokenHandlerClient,
  TokenHandlerQueryClient,
  TokenHandlerMsgComposer,
} from "../src/index";
import { defaultConfigPath, expand, loadSetup } from "./deployment";

class Failure extends Error {}
const fail = (message: string): never => {
  throw new Failure(message);
};
const log = (message: string) => console.log(`[ts-client] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  let args;
  try {
    args = parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        coin: { type: "string" },
        amount: { type: "string", default: "1000" },
        key: { type: "string", default: "user" },
        "mnemonic-file": { type: "string" },
        receiver: { type: "string" },
        "timeout-secs": { type: "string", default: "180" },
      },
    }).values;
  } catch (error) {
    console.error(`[ts-client] ${(error as Error).message}`);
    process.exit(2);
  }
  if (!/^[1-9][0-9]*$/.test(args.amount) || !/^[1-9][0-9]*$/.test(args["timeout-secs"])) {
    console.error("[ts-client] --amount and --timeout-secs must be positive integers");
    process.exit(2);
  }

  const setup = loadSetup(defaultConfigPath(args.config));
  const from = setup.chain(args.from ?? setup.chains[0].chain_id);
  const to = setup.chain(args.to ?? setup.chains.find((c) => c.chain_id !== from.chain_id)!.chain_id);
  if (from.chain_id === to.chain_id) fail("--from and --to name the same chain");
  const fromDeployed = setup.deployed(from.chain_id);
  const toDeployed = setup.deployed(to.chain_id);
  const prefix = from.bech32_prefix ?? "wasm";
  log(`config ${setup.configPath}: ${from.chain_id} (${from.rpc}) → ${to.chain_id} (${to.rpc})`);

  // The sender's wallet: the mnemonic scripts/localnet.sh keeps beside the keyring.
  const mnemonicFile =
    args["mnemonic-file"] ??
    path.join(expand(from.keyring_dir ?? fail(`${from.chain_id} has no keyring_dir: give --mnemonic-file`)), "keys", `${args.key}.mnemonic`);
  const mnemonic = fs.existsSync(mnemonicFile) ? fs.readFileSync(mnemonicFile, "utf8").trim() : fail(`no mnemonic file ${mnemonicFile}`);
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix });
  const [{ address: sender }] = await wallet.getAccounts();
  const receiver =
    args.receiver ?? (await (await DirectSecp256k1HdWallet.generate(24, { prefix: to.bech32_prefix ?? "wasm" })).getAccounts())[0].address;

  const signing = await SigningCosmWasmClient.connectWithSigner(from.rpc, wallet, {
    gasPrice: GasPrice.fromString(`${from.gas_price}${from.fee_denom}`),
  });
  const fromQuery = await CosmWasmClient.connect(from.rpc);
  const toQuery = await CosmWasmClient.connect(to.rpc);
  for (const [client, chain] of [[fromQuery, from], [toQuery, to]] as const) {
    const id = await client.getChainId();
    if (id !== chain.chain_id) fail(`${chain.rpc} serves chain ${id}, not ${chain.chain_id}`);
  }

  // The generated clients of both token handlers and message centers.
  const handler = new TokenHandlerClient(signing, sender, fromDeployed.handler);
  const handlerQuery = new TokenHandlerQueryClient(fromQuery, fromDeployed.handler);
  const remoteHandler = new TokenHandlerQueryClient(toQuery, toDeployed.handler);
  const center = new MessageCenterQueryClient(fromQuery, fromDeployed.message_center);
  const remoteCenter = new MessageCenterQueryClient(toQuery, toDeployed.message_center);

  const handlerConfig = await handlerQuery.config();
  if (handlerConfig.network !== fromDeployed.network) {
    fail(`the token handler on ${from.chain_id} is of network ${handlerConfig.network}, not ${fromDeployed.network}`);
  }
  const link = await center.link({ network: toDeployed.network });
  if (!link.open) fail(`the link of ${from.chain_id} to ${toDeployed.network} is closed`);

  // The coin: at home on FROM as a native denom, wrapped (a cw20) on TO.
  const coinName =
    args.coin ??
    from.coins?.find((c) => c.native)?.name ??
    fail(`${from.chain_id} has no native coin in the config: give --coin`);
  const coin = await handlerQuery.coin({ coinName });
  const denom =
    "native_home" in coin.origin ? coin.origin.native_home.denom : fail(`${coinName} is not a native coin at home on ${from.chain_id}`);
  const wrapped = (await remoteHandler.coin({ coinName })).token ?? fail(`${coinName} has no wrapped token on ${to.chain_id}`);
  const quote = await handlerQuery.transferFee({ amount: args.amount, coinName });
  const wrappedBalance = async () =>
    BigInt((await toQuery.queryContractSmart(wrapped, { balance: { address: receiver } })).balance);
  const senderBalance = async () => BigInt((await fromQuery.getBalance(sender, denom)).amount);

  const receiverBefore = await wrappedBalance();
  const senderBefore = await senderBalance();
  const to_ = `btp://${toDeployed.network}/${receiver}`;
  log(`sending ${args.amount}${denom} (${coinName}) from ${sender} to ${to_}: fee ${quote.fee}, ${quote.net} arrive`);

  // The message composer builds the same message as a MsgExecuteContract, for
  // signing yourself (here: to estimate its gas).
  const memo = "cw-btp TypeScript client example";
  const funds = [{ denom, amount: args.amount }];
  const composed = new TokenHandlerMsgComposer(sender, fromDeployed.handler).transfer({ to: to_ }, funds);
  log(`estimated gas: ${await signing.simulate(sender, [composed], memo)}`);

  // The signing client sends it (fee: simulated gas times the config's gas adjustment).
  const gasAdjustment = Number(from.gas_adjustment ?? "1.4");
  const result = await handler.transfer({ to: to_ }, gasAdjustment, memo, funds);
  const attribute = (type: string, key: string) =>
    result.events.find((e) => e.type === type)?.attributes.find((a) => a.key === key)?.value ??
    fail(`transaction ${result.transactionHash} has no ${type}.${key}`);
  const sn = Number(attribute("wasm-btp_transfer_started", "sn"));
  const sequence = Number(attribute("wasm-btp_message", "sequence"));
  log(`sent in block ${result.height} (tx ${result.transactionHash}, gas ${result.gasUsed}): transfer ${sn}, message ${sequence} to ${toDeployed.network}`);

  const expected = receiverBefore + BigInt(quote.net);
  const deadline = Date.now() + Number(args["timeout-secs"]) * 1000;
  let last = "";
  let received = false;
  let balance = receiverBefore;
  let pending = true;
  for (;;) {
    received = await remoteCenter.isReceived({ network: fromDeployed.network, sequence });
    balance = await wrappedBalance();
    pending = (await handlerQuery.pendingTransfers({ sender })).some((p) => p.sn === sn);
    const state = `received on ${to.chain_id}: ${received}, receiver's wrapped ${coinName}: ${balance}, pending on ${from.chain_id}: ${pending}`;
    if (state !== last) log(state);
    last = state;
    if (balance > expected) fail(`the receiver got ${balance - receiverBefore}, more than the ${quote.net} quoted`);
    if (received && balance === expected && !pending) break;
    if (Date.now() > deadline) {
      fail(
        `transfer ${sn} not completed within ${args["timeout-secs"]}s (${
          !received
            ? `${to.chain_id} has not received message ${sequence}: is a relayer running?`
            : balance !== expected
              ? `the receiver holds ${balance} wrapped ${coinName}, expected ${expected}`
              : `its reply has not come back to ${from.chain_id}`
        })`,
      );
    }
    await sleep(500);
  }

  // Answered with success: not refunded, and the message center forgot the request.
  const senderAfter = await senderBalance();
  if (senderAfter !== senderBefore - BigInt(args.amount)) {
    fail(`the sender holds ${senderAfter}${denom}, expected ${senderBefore - BigInt(args.amount)} (refunded?)`);
  }
  const requests = await center.pendingRequests({ network: toDeployed.network, limit: 100 });
  if (requests.some((r) => r.sequence === sequence)) fail(`message ${sequence} is still a pending request on ${from.chain_id}`);
  log(`ok: ${quote.net} wrapped ${coinName} arrived on ${to.chain_id}, the success reply is back on ${from.chain_id}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[ts-client] FAILED: ${error instanceof Failure ? error.message : (error as Error).stack ?? error}`);
    process.exit(1);
  },
);
