//! Preferences of the desktop app, stored in the database so they travel with the data folder.

use cafehost_core::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Cafehost, Result};

const UI_LANGUAGE: &str = "ui.language";

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

    /// Remembers the UI language.
    pub fn set_ui_language(&self, language: Language) -> Result<()> {
        let value = match language {
            Language::De => "de",
            Language::En => "en",
        };
        self.0.write(|s| Ok(s.set_setting(UI_LANGUAGE, value)?))
    }
}
