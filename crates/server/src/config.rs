//! Start-up settings from flags, then environment variables, then defaults.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub host: IpAddr,
    pub port: u16,
    pub database: crate::db::Location,
    pub dist: PathBuf,
    pub content: PathBuf,
    /// Built course packs kept between starts; `None`: `cache/` beside the database file.
    pub cache: Option<PathBuf>,
    /// Certificate signing keys; `None`: `keys/` beside the database.
    pub key_dir: Option<PathBuf>,
    /// `production`: no demo data, and refusal of a database holding the demo accounts.
    pub mode: Mode,
}

/// `demo` (the default, for `make run`): a fresh database gets the fictional city and its public
/// password. `production`: it stays empty until `lentera-server admin create`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Demo,
    Production,
}

pub const USAGE: &str = "lentera-server [--host ADDR] [--port N] [--db PATH] [--dist DIR]
  --host  address to listen on        (env LENTERA_HOST, default 127.0.0.1)
  --port  port, 0 picks a free one    (env LENTERA_PORT, default 8080)
  --db    database: a SQLite file path (or sqlite:PATH), or postgres://USER@HOST/NAME
                                      (env LENTERA_DB,   default data/lentera.db)
  --dist  the built app (trunk dist/) (env LENTERA_DIST, default dist)
  --content  course packs folder      (env LENTERA_CONTENT, default content)
  --cache  built packs kept between starts (env LENTERA_CACHE, default cache/ beside a SQLite
           database, else ./cache)
  --mode  demo or production          (env LENTERA_MODE, default demo): production creates no
          demo data and refuses a database that holds the demo accounts
lentera-server admin create --nip NIP --name NAME [--db DB]
                                      a new administrator over every unit; prints a one-time
                                      activation code (the first admin of a production server)
  --key-dir  certificate signing keys, made at first start; keep it out of the repository and
           back it up apart from the database (env LENTERA_KEY_DIR, default keys/ beside a SQLite
           database, else ./keys)
lentera-server check-content [DIR]    check every course pack and name each error's file and line
lentera-server backup FILE [--db DB]  a consistent copy of a SQLite database while it runs
lentera-server rotate-key [--key-dir DIR]  a new certificate signing key; old public keys stay published";

impl Config {
    /// `env` is a lookup so tests need not touch the process environment.
    pub fn parse(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, String> {
        let mut config = Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            database: crate::db::Location::Sqlite(PathBuf::from("data/lentera.db")),
            dist: PathBuf::from("dist"),
            content: PathBuf::from("content"),
            cache: None,
            mode: Mode::Demo,
            key_dir: None,
        };
        let set = |key: &str, value: String, config: &mut Config| -> Result<(), String> {
            match key {
                "host" => config.host = value.parse().map_err(|_| format!("--host: not an IP address: {value}"))?,
                "port" => config.port = value.parse().map_err(|_| format!("--port: not a port number: {value}"))?,
                "db" => config.database = crate::db::Location::parse(&value),
                "dist" => config.dist = PathBuf::from(value),
                "content" => config.content = PathBuf::from(value),
                "cache" => config.cache = Some(PathBuf::from(value)),
                "mode" => {
                    config.mode = match value.as_str() {
                        "demo" => Mode::Demo,
                        "production" => Mode::Production,
                        _ => return Err(format!("--mode: {value} is not a mode; use demo or production")),
                    }
                }
                "key-dir" => config.key_dir = Some(PathBuf::from(value)),
                _ => return Err(format!("unknown option --{key}\n{USAGE}")),
            }
            Ok(())
        };
        for key in ["host", "port", "db", "dist", "content", "cache", "mode", "key-dir"] {
            if let Some(value) = env(&format!("LENTERA_{}", key.to_uppercase().replace('-', "_"))) {
                set(key, value, &mut config)?;
            }
        }
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let Some(key) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument {arg}\n{USAGE}"));
            };
            if key == "help" {
                return Err(USAGE.to_owned());
            }
            let value = args.next().ok_or_else(|| format!("--{key} needs a value\n{USAGE}"))?;
            set(key, value, &mut config)?;
        }
        Ok(config)
    }

    /// Where built course packs are kept: `--cache`, else a `cache` folder beside the database
    /// (`data/cache` by default), which the server may write to anyway, unlike the content folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache.clone().unwrap_or_else(|| self.beside_database().join("cache"))
    }

    /// Where certificate signing keys live: `--key-dir`, else `keys/` beside the database file
    /// (outside the database, so a leaked dump cannot sign).
    pub fn key_dir(&self) -> PathBuf {
        self.key_dir.clone().unwrap_or_else(|| self.beside_database().join("keys"))
    }

    fn beside_database(&self) -> PathBuf {
        match &self.database {
            crate::db::Location::Sqlite(path) => path.parent().unwrap_or(std::path::Path::new("")).to_path_buf(),
            crate::db::Location::Postgres(_) => PathBuf::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_listen_on_8080_with_data_lentera_db() {
        let config = Config::parse(args(&[]), |_| None).expect("defaults parse");
        assert_eq!(config.port, 8080);
        assert_eq!(config.database, crate::db::Location::Sqlite(PathBuf::from("data/lentera.db")));
    }

    #[test]
    fn flags_override_environment() {
        let env = |k: &str| (k == "LENTERA_PORT").then(|| "9000".to_string());
        let config = Config::parse(args(&["--port", "9100", "--db", "/tmp/x.db"]), env).expect("parses");
        assert_eq!(config.port, 9100);
        assert_eq!(config.database, crate::db::Location::Sqlite(PathBuf::from("/tmp/x.db")));
        let config = Config::parse(args(&[]), env).expect("parses");
        assert_eq!(config.port, 9000);
    }

    #[test]
    fn the_database_url_chooses_the_engine() {
        use crate::db::Location;
        let db = |v: &str| Config::parse(args(&["--db", v]), |_| None).expect("parses").database;
        assert_eq!(db("postgres://lentera@localhost/kota"), Location::Postgres("postgres://lentera@localhost/kota".into()));
        assert_eq!(db("postgresql://h/x"), Location::Postgres("postgresql://h/x".into()));
        assert_eq!(db("sqlite:data/a.db"), Location::Sqlite(PathBuf::from("data/a.db")));
        assert_eq!(db("sqlite:///tmp/a.db"), Location::Sqlite(PathBuf::from("/tmp/a.db")));
        assert_eq!(db("/var/lib/lentera.db"), Location::Sqlite(PathBuf::from("/var/lib/lentera.db")));
        assert_eq!(Location::parse("postgres://u:rahasia@h/x").describe(), "postgres://…@h/x");
        let pg = Config::parse(args(&["--db", "postgres://h/x"]), |_| None).expect("parses");
        assert_eq!(pg.cache_dir(), PathBuf::from("cache"), "a PostgreSQL server keeps its packs in ./cache");
    }

    #[test]
    fn the_pack_cache_sits_beside_the_database_unless_set() {
        assert_eq!(Config::parse(args(&[]), |_| None).expect("parses").cache_dir(), PathBuf::from("data/cache"));
        let config = Config::parse(args(&["--db", "/srv/lentera/lentera.db"]), |_| None).expect("parses");
        assert_eq!(config.cache_dir(), PathBuf::from("/srv/lentera/cache"));
        assert_eq!(Config::parse(args(&["--db", "x.db"]), |_| None).expect("parses").cache_dir(), PathBuf::from("cache"));
        let env = |k: &str| (k == "LENTERA_CACHE").then(|| "/var/cache/lentera".to_string());
        assert_eq!(Config::parse(args(&[]), env).expect("parses").cache_dir(), PathBuf::from("/var/cache/lentera"));
    }

    #[test]
    fn production_mode_is_a_flag_or_a_setting_and_demo_the_default() {
        assert_eq!(Config::parse(args(&[]), |_| None).expect("parses").mode, Mode::Demo);
        assert_eq!(Config::parse(args(&["--mode", "production"]), |_| None).expect("parses").mode, Mode::Production);
        let env = |k: &str| (k == "LENTERA_MODE").then(|| "production".to_string());
        assert_eq!(Config::parse(args(&[]), env).expect("parses").mode, Mode::Production);
        let err = Config::parse(args(&["--mode", "prod"]), |_| None).expect_err("refused");
        assert!(err.contains("demo or production"), "{err}");
    }

    #[test]
    fn a_bad_port_is_named() {
        let err = Config::parse(args(&["--port", "eighty"]), |_| None).expect_err("refused");
        assert!(err.contains("--port"), "{err}");
    }
}
