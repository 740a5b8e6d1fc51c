// Typed clients of the cw-btp contracts, generated from schema/ by
// scripts/codegen.mjs (@cosmwasm/ts-codegen): per contract X, XClient (signing,
// on @cosmjs/cosmwasm-stargate's SigningCosmWasmClient), XQueryClient (on
// CosmWasmClient), XMsgComposer (MsgExecuteContract messages to sign
// yourself), and its message and response types as the namespace XTypes.
export * from "./generated/index";
