// Reads a deploy config (deploy/localnet.json, or the one scripts/localnet.sh
// writes with the ports of its chains) and the deployment file scripts/deploy.sh
// wrote from it: where each chain is and where the suite lives on it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface CoinConfig {
  name: string;
  native?: string;
  cw20?: string;
  cw20_new?: unknown;
  decimals?: number;
}

export interface ChainConfig {
  chain_id: string;
  rpc: string;
  bech32_prefix?: string;
  gas_price: string;
  fee_denom: string;
  gas_adjustment?: string;
  keyring_dir?: string;
  coins?: CoinConfig[];
}

/** What scripts/deploy.sh records per chain. */
export interface Deployed {
  network: string;
  message_center: string;
  handler: string;
  vault: string;
  verifier: string;
  tokens?: Record<string, string>;
}

export interface Setup {
  configPath: string;
  chains: ChainConfig[];
  deployment: Record<string, Deployed>;
  chain(id: string): ChainConfig;
  deployed(id: string): Deployed;
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const cache = () => process.env.CW_BTP_CACHE ?? path.join(os.homedir(), ".cache/cw-btp");
const localnet = () => process.env.CW_BTP_LOCALNET ?? path.join(cache(), "localnet");

/** `$CW_BTP_LOCALNET`, `$CW_BTP_CACHE` and a leading `~`, as the scripts expand them. */
export function expand(value: string): string {
  return value
    .replaceAll("$CW_BTP_LOCALNET", localnet())
    .replaceAll("$CW_BTP_CACHE", cache())
    .replace(/^~/, os.homedir());
}

/**
 * The config to use: the argument, else $CW_BTP_CONFIG, else the one
 * scripts/localnet.sh wrote into $CW_BTP_LOCALNET, else deploy/localnet.json.
 */
export function defaultConfigPath(given?: string): string {
  if (given) return given;
  if (process.env.CW_BTP_CONFIG) return process.env.CW_BTP_CONFIG;
  const written = path.join(localnet(), "localnet.json");
  return fs.existsSync(written) ? written : path.join(repo, "deploy/localnet.json");
}

export function loadSetup(configPath: string): Setup {
  const readJson = (file: string, what: string) => {
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`);
    }
  };
  const config = readJson(configPath, "the deploy config");
  if (!Array.isArray(config.chains) || typeof config.deployment !== "string") {
    throw new Error(`${configPath} is not a deploy config (no chains or deployment)`);
  }
  const deploymentPath = expand(config.deployment);
  const deployment = readJson(deploymentPath, "the deployment (run scripts/deploy.sh first)").chains ?? {};
  const chains: ChainConfig[] = config.chains;
  return {
    configPath,
    chains,
    deployment,
    chain(id) {
      const chain = chains.find((c) => c.chain_id === id);
      if (!chain) throw new Error(`${configPath} has no chain ${id} (it has ${chains.map((c) => c.chain_id).join(", ")})`);
      return chain;
    },
    deployed(id) {
      const deployed = deployment[id];
      if (!deployed?.handler || !deployed?.message_center || !deployed?.network) {
        throw new Error(`${deploymentPath} has no deployment of the suite on ${id}`);
      }
      return deployed;
    },
  };
}
