//! The `kanwu` command: parses its arguments and hands over to the library.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kanwu_api::config::{Config, DatabaseUrl};
use kanwu_api::{db, demo, openapi, startup::Application, telemetry};

#[derive(Parser)]
#[command(
    name = "kanwu",
    version,
    about = "Kanwu (刊物): a content system for magazines and associations"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the API and the web front (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document as YAML.
    Openapi,
    /// Create the first admin. The password comes from KANWU_ADMIN_PASSWORD or standard input, never
    /// from an argument (arguments show in process lists and shell history).
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Fill an empty site with the demo content of 当代秘书's page (does nothing on a site with content).
    SeedDemo,
    /// Copy the whole site from the SQLite database (this data folder's, or DATABASE_URL's) into a
    /// new PostgreSQL database, in one transaction. Then run with DATABASE_URL set to it, and with
    /// KANWU_PASSWORD_PEPPER and KANWU_JWT_SECRET set to the data folder's generated ones.
    CopyDatabase {
        /// The PostgreSQL database to fill: postgres://user:password@host:5432/database
        #[arg(long)]
        to: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Migrate => migrate(),
        Command::Openapi => print_openapi(),
        Command::SeedDemo => seed_demo(),
        Command::CopyDatabase { to } => copy_database(&to),
        Command::CreateAdmin {
            username,
            display_name,
        } => create_admin(&username, display_name.as_deref()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // One line, whatever the underlying error printed (libpq's messages span several).
            let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
            eprintln!("kanwu: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    kanwu_api::startup::limit_malloc_arenas();
    let config = Config::from_env().map_err(|e| e.to_string())?;
    telemetry::init(config.server.log_format);
    actix_web::rt::System::new().block_on(async move {
        let (bind, database, web_dir) = (
            config.server.bind,
            format!("{:?}", config.database.url),
            config.server.web_dir.clone(),
        );
        let app = Application::build(config)
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(%bind, port = app.port(), %database, ?web_dir, "kanwu is listening");
        app.run_until_stopped().await.map_err(|e| e.to_string())
    })
}

fn migrate() -> Result<(), String> {
    let database = database_url()?;
    let applied = db::migrate(&database).map_err(|e| e.to_string())?;
    println!("{applied} migration(s) applied to {database:?}");
    Ok(())
}

/// The database of the commands that need nothing else: `DATABASE_URL` alone when it is set (so the
/// rest need not be valid), else the whole configuration's default.
fn database_url() -> Result<DatabaseUrl, String> {
    match std::env::var("DATABASE_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        Some(raw) => DatabaseUrl::parse(&raw).map_err(|reason| format!("DATABASE_URL: {reason}")),
        None => Ok(Config::from_env().map_err(|e| e.to_string())?.database.url),
    }
}

fn seed_demo() -> Result<(), String> {
    let database = database_url()?;
    db::migrate(&database).map_err(|e| e.to_string())?;
    let mut conn = db::Manager::new(database)
        .establish()
        .map_err(|e| e.to_string())?;
    match demo::seed_demo(&mut conn).map_err(|e| format!("seeding failed: {e}"))? {
        demo::SeedOutcome::Seeded {
            categories,
            articles,
        } => {
            println!("seeded {categories} categories and {articles} articles")
        }
        demo::SeedOutcome::AlreadyHasContent => {
            println!("the site already has content; nothing seeded")
        }
    }
    Ok(())
}

fn copy_database(to: &str) -> Result<(), String> {
    let from = database_url()?;
    let to = DatabaseUrl::parse(to).map_err(|reason| format!("--to: {reason}"))?;
    let copied = db::copy::copy_sqlite_to_postgres(&from, &to).map_err(|e| e.to_string())?;
    for (table, rows) in &copied {
        println!("{table}: {rows} rows");
    }
    println!(
        "copied {} rows of {} tables; serve with DATABASE_URL set to the new database",
        copied.values().sum::<i64>(),
        copied.len()
    );
    Ok(())
}

fn create_admin(username: &str, display_name: Option<&str>) -> Result<(), String> {
    let config = Config::from_env().map_err(|e| e.to_string())?;
    let password = match std::env::var("KANWU_ADMIN_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    db::migrate(&config.database.url).map_err(|e| e.to_string())?;
    let mut conn = db::Manager::new(config.database.url.clone())
        .establish()
        .map_err(|e| e.to_string())?;
    let hasher = kanwu_api::auth::PasswordHasher::new(
        config.security.password_pepper.clone(),
        config.security.bcrypt_cost,
    );
    let admin = kanwu_api::members::first_admin::create_admin(
        &mut conn,
        &hasher,
        username,
        display_name,
        &password,
    )
    .map_err(|e| format!("cannot create the admin: {e}"))?;
    println!("created admin {} (id {})", admin.username, admin.id);
    Ok(())
}

fn print_openapi() -> Result<(), String> {
    let yaml =
        openapi::spec_yaml().map_err(|e| format!("cannot render the OpenAPI document: {e}"))?;
    std::io::stdout()
        .write_all(yaml.as_bytes())
        .map_err(|e| format!("cannot write the OpenAPI document: {e}"))
}
