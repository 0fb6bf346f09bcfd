//! `duk-server`: see `duk-server --help`.

#![forbid(unsafe_code)]

use std::io::IsTerminal;

use clap::{Parser, Subcommand};
use server::{Application, Config};
use tracing_subscriber::EnvFilter;

/// Duk's server: the app, the API and the database.
#[derive(Debug, Parser)]
#[command(name = "duk-server", version, about)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serves the app and the API (the default).
    Serve,
    /// Creates an administrator account and prints its one-time password, which must be
    /// changed at the first sign-in. Database flags go before the subcommand.
    CreateAdmin {
        /// Full name.
        #[arg(long)]
        name: String,
        /// E-mail address, used to sign in.
        #[arg(long)]
        email: String,
        /// Office.
        #[arg(long)]
        office: Option<String>,
        /// Direct phone number.
        #[arg(long)]
        phone: Option<String>,
    },
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
    if let Some(Command::CreateAdmin {
        name,
        email,
        office,
        phone,
    }) = cli.command
    {
        let password = server::create_admin(&cli.config, name, email, office, phone).await?;
        println!("Administratoren er opprettet. Engangspassord: {password}");
        println!("Passordet må byttes ved første innlogging.");
        return Ok(());
    }
    let app = Application::build(cli.config).await?;
    let addr = app.local_addr();
    tracing::info!(%addr, "listening");
    println!("Duk kjører på http://{addr}");
    app.run_until_stopped().await?;
    Ok(())
}
