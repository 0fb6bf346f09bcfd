//! `duk-server`: see `duk-server --help`.

use std::io::IsTerminal;

use clap::Parser;
use server::{Application, Config};
use tracing_subscriber::EnvFilter;

/// Duk's server: the app, the API and the database.
#[derive(Debug, Parser)]
#[command(name = "duk-server", version, about)]
struct Cli {
    #[command(flatten)]
    config: Config,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    let cli = Cli::parse();
    let app = Application::build(cli.config).await?;
    let addr = app.local_addr();
    tracing::info!(%addr, "listening");
    println!("Duk kjører på http://{addr}");
    app.run_until_stopped().await?;
    Ok(())
}
