//! The site's clock: every date and time a reader or an editor sees is in the site's time zone
//! (Asia/Shanghai unless `KANWU_TIME_ZONE` says otherwise); the API itself keeps RFC 3339 UTC.

use std::borrow::Borrow;

use chrono::{DateTime, Datelike as _, Timelike as _, Utc};
use chrono_tz::Tz;

/// The zone of 当代秘书's readers, and of most Chinese sites.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Asia::Shanghai;

/// A moment as the API writes it (`2026-01-01T23:30:00Z`), for `<time datetime>`.
pub fn machine(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteTime {
    zone: Tz,
}

impl Default for SiteTime {
    fn default() -> Self {
        SiteTime {
            zone: DEFAULT_TIME_ZONE,
        }
    }
}

impl SiteTime {
    pub fn new(zone: Tz) -> Self {
        SiteTime { zone }
    }

    /// An IANA name such as `Asia/Shanghai`; `None` for a name the tz database does not know.
    pub fn parse(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(Self::new)
    }

    /// The zone's IANA name, as the SPA's `Intl.DateTimeFormat` takes it.
    pub fn name(&self) -> &'static str {
        self.zone.name()
    }

    /// [`machine`], for templates.
    pub fn machine(&self, at: impl Borrow<DateTime<Utc>>) -> String {
        machine(*at.borrow())
    }

    /// The moment on the site's clock.
    pub fn local(&self, at: DateTime<Utc>) -> chrono::DateTime<Tz> {
        at.with_timezone(&self.zone)
    }

    /// A day as the old site printed it, without zero padding: `2026-1-2`.
    pub fn date(&self, at: impl Borrow<DateTime<Utc>>) -> String {
        let local = at.borrow().with_timezone(&self.zone);
        format!("{}-{}-{}", local.year(), local.month(), local.day())
    }

    /// A moment to the minute: `2026-1-2 07:30`.
    pub fn date_time(&self, at: impl Borrow<DateTime<Utc>>) -> String {
        let at = *at.borrow();
        let local = at.with_timezone(&self.zone);
        format!(
            "{} {:02}:{:02}",
            self.date(at),
            local.hour(),
            local.minute()
        )
    }

    /// The moment with the zone's offset, for `article:published_time` and JSON-LD
    /// (`2026-01-02T07:30:00+08:00`).
    pub fn rfc3339(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn half_past_eleven_at_night_utc_is_the_next_day_in_beijing() {
        let beijing = SiteTime::default();
        assert_eq!(beijing.date(at("2026-01-01T23:30:00Z")), "2026-1-2");
        assert_eq!(
            beijing.date_time(at("2026-01-01T23:30:00Z")),
            "2026-1-2 07:30"
        );
        assert_eq!(beijing.date(at("2026-01-01T15:59:59Z")), "2026-1-1");
        assert_eq!(beijing.date(at("2026-01-01T16:00:00Z")), "2026-1-2");
        assert_eq!(
            beijing.rfc3339(at("2026-01-01T23:30:00Z")),
            "2026-01-02T07:30:00+08:00"
        );
    }

    #[test]
    fn another_zone_moves_the_day_its_own_way() {
        let london = SiteTime::parse("Europe/London").unwrap();
        assert_eq!(london.date(at("2026-01-01T23:30:00Z")), "2026-1-1");
        assert_eq!(london.name(), "Europe/London");
        assert!(SiteTime::parse("Mars/Olympus").is_none());
    }
}
