//! `btp serve`: a status page (`/`) and its JSON API (`/api/status`): the
//! links and their sequences and backlog, the light clients (height, age,
//! expiry, frozen), the recent messages with their state, and the relayer's
//! balances, read from the chains on each request
//! ([`relayer::status::collect`]). The page is plain HTML rendered on the
//! server, readable on a phone; a little script refreshes it.

use std::fmt::Write;
use std::sync::{Arc, Mutex};

use relayer::config::Setup;
use relayer::node::{NodeChain, Signer};
use relayer::status::{collect, Connected, Status};
use tracing::info;

use crate::args::ServeArgs;
use crate::http::{self, Response};
use crate::Failure;

/// The chains a server reads, connected once.
struct Chains {
    setup: Setup,
    nodes: Vec<std::result::Result<NodeChain, String>>,
    relayers: Vec<Option<String>>,
    recent: u64,
}

impl Chains {
    fn status(&self) -> Status {
        let connected: Vec<Connected<'_, NodeChain>> = self
            .nodes
            .iter()
            .zip(&self.relayers)
            .map(|(node, relayer)| Connected {
                chain: node.as_ref().map_err(Clone::clone),
                relayer: relayer.clone(),
            })
            .collect();
        collect(&self.setup, &connected, self.recent)
    }
}

/// `btp serve`: serves until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let setup = relayer::config::load(&args.config.config)?;
    let mut nodes = vec![];
    let mut relayers = vec![];
    for chain in &setup.chains {
        let key = chain
            .key_source(
                args.key.mnemonic_file.as_deref(),
                args.key.key.as_deref(),
                chain.relayer_key.as_ref(),
            )
            .ok();
        let signer = key.and_then(|key| Signer::load(&key, &chain.node.bech32_prefix).ok());
        relayers.push(signer.as_ref().map(|signer| signer.address.to_string()));
        nodes.push(NodeChain::new(chain.node.clone(), signer).map_err(|err| err.to_string()));
    }
    let chains = Arc::new(Mutex::new(Chains {
        setup,
        nodes,
        relayers,
        recent: args.recent,
    }));
    let bound = http::spawn(args.listen, handler(chains))
        .map_err(|err| Failure::usage(format!("--listen {}: {err}", args.listen)))?;
    println!("serving the status page on http://{bound}/ (JSON: http://{bound}/api/status); Ctrl-C stops");
    info!(%bound, "btp serve listening");
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    crate::commands::stop_on_signal(stop.clone());
    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    println!("btp serve stopped");
    Ok(())
}

fn handler(chains: Arc<Mutex<Chains>>) -> http::Handler {
    Arc::new(move |path: &str| {
        let status = || {
            chains
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .status()
        };
        match path {
            "/" | "/index.html" => Response::ok("text/html; charset=utf-8", page(&status())),
            "/api/status" => Response::ok(
                "application/json",
                serde_json::to_vec_pretty(&status()).unwrap_or_default(),
            ),
            _ => Response::not_found(),
        }
    })
}

/// Text as HTML escapes it.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn optional<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "–".to_string(), |value| value.to_string())
}

/// The status page: every value the JSON API has, in tables, each value in
/// an element with a class (and its row's `data-` attributes) that a
/// headless browser check can find (`scripts/status-page-check.sh`).
pub fn page(status: &Status) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>btp status</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; padding: 0.75rem; color: #1b1b1b; background: #fafafa; }}
h1 {{ font-size: 1.3rem; margin: 0 0 0.25rem; }}
h2 {{ font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }}
h3 {{ font-size: 0.95rem; margin: 0.8rem 0 0.3rem; }}
.card {{ background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 0.6rem; margin-bottom: 0.8rem; }}
.scroll {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid #eee; white-space: nowrap; }}
.bad {{ color: #b00020; font-weight: 600; }}
.ok {{ color: #1b7f3b; }}
.muted {{ color: #666; font-size: 0.85rem; }}
.state {{ font-weight: 600; }}
</style>
</head>
<body>
<h1>btp status</h1>
<p class="muted">read at <span id="read-at">{}</span> · refreshes every 10 s · <a href="/api/status">JSON</a></p>
"#,
        escape(&status.read_at)
    );
    let _ = write!(
        html,
        r#"<h2>Chains</h2><div class="card scroll"><table id="chains"><tr><th>chain</th><th>height</th><th>relayer balance</th></tr>"#
    );
    for chain in &status.chains {
        let _ = write!(
            html,
            r#"<tr class="chain" data-chain="{id}"><td>{id}</td><td class="height">{}</td><td class="balance">{}</td></tr>"#,
            optional(chain.height),
            chain.relayer_balance.as_ref().map_or_else(
                || "–".to_string(),
                |coin| escape(&format!("{}{}", coin.amount, coin.denom))
            ),
            id = escape(&chain.chain_id),
        );
        if let Some(error) = &chain.error {
            let _ = write!(
                html,
                r#"<tr><td colspan="3" class="bad">{}</td></tr>"#,
                escape(error)
            );
        }
    }
    html.push_str("</table></div>");
    for link in &status.links {
        let _ = write!(
            html,
            r#"<h2>Link {name}</h2><section class="link" data-link="{name}">"#,
            name = escape(&link.name)
        );
        for error in &link.errors {
            let _ = write!(html, r#"<p class="bad">{}</p>"#, escape(error));
        }
        html.push_str(r#"<div class="card scroll"><h3>Sequences</h3><table><tr><th>from → to</th><th>sent</th><th>received</th><th>backlog</th><th>link</th></tr>"#);
        for direction in &link.directions {
            let _ = write!(
                html,
                r#"<tr class="direction" data-src="{src}" data-dst="{dst}"><td>{src} → {dst}</td><td class="sent">{}</td><td class="received">{}</td><td class="backlog{}">{}</td><td>{}</td></tr>"#,
                direction.sent,
                direction.received,
                if direction.backlog > 0 { " bad" } else { "" },
                direction.backlog,
                if direction.open {
                    "open"
                } else {
                    "<span class=\"bad\">closed</span>"
                },
                src = escape(&direction.src),
                dst = escape(&direction.dst),
            );
        }
        html.push_str(r#"</table></div><div class="card scroll"><h3>Light clients</h3><table><tr><th>on</th><th>of</th><th>height</th><th>age</th><th>expires in</th><th>state</th></tr>"#);
        for client in &link.light_clients {
            let state = if client.frozen {
                "frozen".to_string()
            } else {
                client.status.clone().unwrap_or_else(|| "–".into())
            };
            let _ = write!(
                html,
                r#"<tr class="light-client" data-chain="{}" data-counterpart="{}"><td>{}</td><td>{}</td><td class="lc-height">{}</td><td>{}</td><td>{}</td><td class="{}">{}</td></tr>"#,
                escape(&client.chain),
                escape(&client.counterpart),
                escape(&client.chain),
                escape(&client.counterpart),
                client.height,
                client
                    .age_secs
                    .map_or_else(|| "–".into(), |age| format!("{age} s")),
                client
                    .expires_in_secs
                    .map_or_else(|| "–".into(), |left| format!("{left} s")),
                if state == "active" { "ok" } else { "bad" },
                escape(&state),
            );
        }
        html.push_str(r#"</table></div><div class="card scroll"><h3>Recent messages</h3><table><tr><th>from → to</th><th>seq</th><th>service</th><th>kind</th><th>state</th></tr>"#);
        if link.recent.is_empty() {
            html.push_str(r#"<tr><td colspan="5" class="muted">none</td></tr>"#);
        }
        for message in &link.recent {
            let _ = write!(
                html,
                r#"<tr class="message" data-src="{src}" data-sequence="{seq}"><td>{src} → {dst}</td><td>{seq}</td><td>{} sn {}</td><td>{}</td><td class="state">{}</td></tr>"#,
                escape(&message.svc),
                message.sn,
                escape(&message.kind),
                serde_json::to_value(message.state)
                    .ok()
                    .and_then(|value| value.as_str().map(|state| state.replace('_', " ")))
                    .unwrap_or_default(),
                src = escape(&message.src),
                dst = escape(&message.dst),
                seq = message.sequence,
            );
        }
        html.push_str("</table></div></section>");
    }
    html.push_str(
        r#"
<script>
// Reload every 10 s, unless the page is hidden; the age of the data ticks meanwhile.
const readAt = Date.parse(document.getElementById("read-at").textContent);
const note = document.createElement("span");
document.querySelector(".muted").append(" · ", note);
setInterval(() => {
  if (!Number.isNaN(readAt)) note.textContent = Math.round((Date.now() - readAt) / 1000) + " s old";
}, 1000);
setTimeout(() => { if (!document.hidden) location.reload(); }, 10000);
</script>
</body>
</html>
"#,
    );
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use relayer::status::{
        ChainStatus, Direction, LightClientStatus, LinkStatus, MessageState, RecentMessage,
    };

    /// Everything the page shows comes from nodes and chains, which may be
    /// hostile: a service name, a chain id or an error text with markup must
    /// show as text, never run in the operator's browser.
    #[test]
    fn chain_data_with_markup_is_shown_as_text() {
        let evil = "<script>alert(1)</script>\"<img src=x onerror=alert(2)>";
        let status = Status {
            read_at: evil.into(),
            chains: vec![ChainStatus {
                chain_id: evil.into(),
                height: Some(7),
                relayer_balance: Some(cosmwasm_std::Coin::new(5u128, "ustake")),
                relayer: Some(evil.into()),
                error: Some(evil.into()),
            }],
            links: vec![LinkStatus {
                name: evil.into(),
                directions: vec![Direction {
                    src: evil.into(),
                    dst: evil.into(),
                    sent: 3,
                    received: 2,
                    backlog: 1,
                    open: true,
                }],
                light_clients: vec![LightClientStatus {
                    chain: evil.into(),
                    counterpart: evil.into(),
                    address: evil.into(),
                    height: 9,
                    header_time: None,
                    age_secs: Some(4),
                    expires_in_secs: None,
                    frozen: false,
                    status: Some(evil.into()),
                }],
                recent: vec![RecentMessage {
                    src: evil.into(),
                    dst: evil.into(),
                    sequence: 3,
                    svc: evil.into(),
                    sn: 1,
                    kind: evil.into(),
                    height: 9,
                    state: MessageState::Sent,
                }],
                errors: vec![evil.into()],
            }],
        };
        let html = page(&status);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&lt;img"));
        // The values the browser check reads are where it looks for them.
        assert!(html.contains(r#"<td class="sent">3</td>"#));
        assert!(html.contains(r#"<td class="lc-height">9</td>"#));
        assert!(html.contains("5ustake"));
    }
}
