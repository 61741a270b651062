//! Preferences of the desktop app, stored in the database so they travel with the data folder.

use cafehost_core::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Cafehost, Result};

const UI_LANGUAGE: &str = "ui.language";
/// The day of the last full check and what it found: `YYYY-MM-DD`, a line break, the problems
/// (nothing when the file was sound).
const LAST_CHECK: &str = "check.last";

/// What the UI needs to know at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    /// Version of this build.
    pub version: String,
    /// The database file in use.
    pub database_path: String,
    /// The UI language chosen by the user; `None` until they choose (then the OS locale decides).
    pub ui_language: Option<Language>,
}

/// The app's own preferences and facts.
pub struct Settings<'a>(pub(crate) &'a Cafehost);

impl Settings<'_> {
    /// Version, database location and preferences.
    pub fn app_info(&self) -> Result<AppInfo> {
        let ui_language = self.0.read(|s| Ok(s.setting(UI_LANGUAGE)?))?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: self.0.database_path().display().to_string(),
            ui_language: ui_language.and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok()),
        })
    }

    /// SQLite's full integrity check and the foreign-key check on the database: `None` when it
    /// is sound, else what is wrong.
    pub fn check(&self) -> Result<Option<String>> {
        self.0.read(|s| Ok(s.check_integrity().err()))
    }

    /// The day's full check: run at the first call of a day (its cost grows with the file: see
    /// the README's figures), else the day's stored result. `None` when the file is sound.
    pub fn daily_check(&self) -> Result<Option<String>> {
        let today = self.0.now().date_naive().to_string();
        let stored = self.0.read(|s| Ok(s.setting(LAST_CHECK)?))?;
        if let Some((day, problems)) = stored.as_deref().and_then(|v| v.split_once('\n'))
            && day == today
        {
            return Ok((!problems.is_empty()).then(|| problems.to_owned()));
        }
        let problems = self.check()?;
        let value = format!("{today}\n{}", problems.as_deref().unwrap_or_default());
        self.0.write(|s| Ok(s.set_setting(LAST_CHECK, &value)?))?;
        Ok(problems)
    }

    /// Remembers the UI language.
    pub fn set_ui_language(&self, language: Language) -> Result<()> {
        let value = match language {
            Language::De => "de",
            Language::En => "en",
        };
        self.0.write(|s| Ok(s.set_setting(UI_LANGUAGE, value)?))
    }
}
