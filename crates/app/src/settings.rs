//! Preferences of the desktop app, stored in the database so they travel with the data folder.

use cafehost_core::{FieldProblem, Language, ValidationError, WorkshopId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Cafehost, Result};

/// Where the window was last: the workshop, its tab and whether the projector was shown.
const PLACE: &str = "ui.place";
/// The longest tab name taken (the UI's tabs are short words).
const MAX_TAB_LENGTH: usize = 32;

/// Where the moderator was in the window, to go back there after a restart in the middle of a
/// café (a crash, a closed lid, a flat battery).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Place {
    /// The workshop open in the window.
    pub workshop: WorkshopId,
    /// Its tab, as the UI names it (`run`, `notes` …).
    pub tab: String,
    /// Whether the projector window was shown.
    pub projector: bool,
}

#[derive(Serialize, Deserialize)]
struct StoredPlace {
    place: Option<Place>,
    at: DateTime<Utc>,
}

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

    /// Remembers where the window is (`None`: on the list of workshops).
    pub fn remember_place(&self, place: Option<&Place>) -> Result<()> {
        if let Some(p) = place
            && (p.tab.is_empty() || p.tab.len() > MAX_TAB_LENGTH || !p.tab.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(ValidationError::single("tab", FieldProblem::Malformed).into());
        }
        let stored = StoredPlace { place: place.cloned(), at: self.0.now() };
        // Plain data always serialises; were it ever empty, the next start would open the list.
        let value = serde_json::to_string(&stored).unwrap_or_default();
        self.0.write(|s| Ok(s.set_setting(PLACE, &value)?))
    }

    /// Where to go at the start of the app: the place last remembered, when its workshop still
    /// exists and its run is under way (the core's resume rule); else nothing (the list).
    pub fn place_to_resume(&self) -> Result<Option<Place>> {
        let now = self.0.now();
        self.0.read(|s| {
            let Some(stored) = s.setting(PLACE)?.and_then(|v| serde_json::from_str::<StoredPlace>(&v).ok()) else {
                return Ok(None);
            };
            let Some(place) = stored.place else { return Ok(None) };
            if s.workshop(place.workshop).is_err() {
                return Ok(None);
            }
            let (state, _) = s.run_state(place.workshop)?;
            Ok(state.resume_at_start(stored.at, now).then_some(place))
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
