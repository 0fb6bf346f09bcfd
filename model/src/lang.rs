use serde::{Deserialize, Serialize};

/// The languages Duk speaks. Norwegian bokmål is the default (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norsk bokmål.
    #[default]
    Nb,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `lang` attributes and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    /// The locale for formatting dates and numbers (`Intl`, calendars): British English
    /// writes dates day-first, as Norwegians read them.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Nb => "nb-NO",
            Lang::En => "en-GB",
        }
    }

    /// Picks the best language from an `Accept-Language` header: the first listed language
    /// Duk speaks, honouring q-values; bokmål when none matches. `no` and `nn` read bokmål,
    /// since nynorsk is not translated yet and bokmål is closer than English.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let lang = match primary {
                "nb" | "no" | "nn" => Lang::Nb,
                "en" => Lang::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_supported_language_by_quality() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(
            Lang::from_accept_language("nb-NO,nb;q=0.9,en;q=0.8"),
            Lang::Nb
        );
        assert_eq!(Lang::from_accept_language("de,en;q=0.5,nb;q=0.7"), Lang::Nb);
        assert_eq!(Lang::from_accept_language("no"), Lang::Nb);
        assert_eq!(Lang::from_accept_language("fr"), Lang::Nb);
        assert_eq!(Lang::from_accept_language(""), Lang::Nb);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Nb);
    }
}
