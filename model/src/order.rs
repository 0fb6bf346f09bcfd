//! Fractional ordering keys: a card's position within its cell is a string that sorts
//! between its neighbours, so a move or an insert touches one card only, and two people
//! moving cards at the same time both get a well-defined order.
//!
//! This is the scheme of Figma's and Rocicorp's *fractional indexing*, in base 62
//! (`0-9A-Za-z`, which is also ASCII order). A key is an integer part and a fraction:
//! the first character tells the integer part's length (`a`–`z`: 2–27 characters, growing
//! upwards; `A`–`Z`: the same downwards), so appending at the end or the start of a cell
//! just counts up or down and keeps keys short (1,000 appends: 3 characters), while
//! inserting between two neighbours uses the fraction. A fraction never ends in `0`, so
//! there is always room on both sides.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::{Rejection, limits};

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = DIGITS.len();
/// The smallest integer part, `A` followed by 26 zeros: no key may be it (nothing sorts before).
const SMALLEST_INTEGER_LEN: usize = 27;

fn digit_value(c: u8) -> Option<usize> {
    match c {
        b'0'..=b'9' => Some(usize::from(c - b'0')),
        b'A'..=b'Z' => Some(usize::from(c - b'A') + 10),
        b'a'..=b'z' => Some(usize::from(c - b'a') + 36),
        _ => None,
    }
}

/// The length of the integer part that starts with `head`.
fn integer_len(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some(usize::from(head - b'a') + 2),
        b'A'..=b'Z' => Some(usize::from(b'Z' - head) + 2),
        _ => None,
    }
}

/// A position key; cards in a cell sort by key, then by card id for equal keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct OrderKey(String);

impl OrderKey {
    /// Accepts a well-formed key: a valid integer part, base-62 digits, a fraction that does
    /// not end in `0`, at most [`limits::ORDER_KEY_MAX`] characters.
    pub fn parse(s: &str) -> Result<Self, Rejection> {
        let b = s.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= limits::ORDER_KEY_MAX
            && integer_len(b[0]).is_some_and(|n| b.len() >= n)
            && b[1..].iter().all(|&c| digit_value(c).is_some())
            && !(b.len() >= SMALLEST_INTEGER_LEN
                && b[0] == b'A'
                && b[1..SMALLEST_INTEGER_LEN].iter().all(|&c| c == b'0'))
            && {
                let n = integer_len(b[0]).unwrap_or(0);
                b.len() == n || b[b.len() - 1] != b'0'
            };
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(Rejection::InvalidOrderKey)
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The integer part and the fraction.
    fn split(&self) -> (&[u8], &[u8]) {
        let b = self.0.as_bytes();
        b.split_at(integer_len(b[0]).unwrap_or(b.len()).min(b.len()))
    }

    /// A key strictly between `before` and `after` (either may be open). If the bounds are
    /// equal or reversed, which concurrent edits can produce, the key goes just after
    /// `before`, so the caller still gets a valid key near the intended place.
    pub fn between(before: Option<&OrderKey>, after: Option<&OrderKey>) -> OrderKey {
        let after = after.filter(|b| before.is_none_or(|a| a < *b));
        let key = match (before, after) {
            (None, None) => "a0".to_owned(),
            (None, Some(b)) => {
                let (ib, fb) = b.split();
                if ib.len() == SMALLEST_INTEGER_LEN && ib[0] == b'A' {
                    // Cannot count down further: use the fraction.
                    concat(ib, &midpoint(&[], Some(fb)))
                } else if !fb.is_empty() {
                    // `ib` alone sorts before `ib` + fraction.
                    String::from_utf8_lossy(ib).into_owned()
                } else {
                    // Only unreachable below the smallest integer, excluded above.
                    decrement(ib).unwrap_or_else(|| concat(ib, &midpoint(&[], Some(fb))))
                }
            }
            (Some(a), None) => {
                let (ia, fa) = a.split();
                increment(ia).unwrap_or_else(|| concat(ia, &midpoint(fa, None)))
            }
            (Some(a), Some(b)) => {
                let ((ia, fa), (ib, fb)) = (a.split(), b.split());
                if ia == ib {
                    concat(ia, &midpoint(fa, Some(fb)))
                } else {
                    match increment(ia) {
                        Some(i) if i.as_str() < b.as_str() => i,
                        _ => concat(ia, &midpoint(fa, None)),
                    }
                }
            }
        };
        OrderKey(key)
    }
}

fn concat(integer: &[u8], fraction: &str) -> String {
    String::from_utf8_lossy(integer).into_owned() + fraction
}

/// The next integer part, or `None` past the largest (`z` + 26 × `z`).
fn increment(int: &[u8]) -> Option<String> {
    let (head, mut digits) = (int[0], int[1..].to_vec());
    for d in digits.iter_mut().rev() {
        let v = digit_value(*d).unwrap_or(0) + 1;
        if v < BASE {
            *d = DIGITS[v];
            return Some(concat(&[head], &String::from_utf8_lossy(&digits)));
        }
        *d = DIGITS[0];
    }
    // Every digit carried: the integer part grows (or shrinks, for negative heads) by one.
    let head = match head {
        b'Z' => return Some("a0".to_owned()),
        b'z' => return None,
        h => h + 1,
    };
    if head > b'a' {
        digits.push(DIGITS[0])
    } else {
        digits.pop();
    }
    Some(concat(&[head], &String::from_utf8_lossy(&digits)))
}

/// The previous integer part, or `None` below the smallest.
fn decrement(int: &[u8]) -> Option<String> {
    let (head, mut digits) = (int[0], int[1..].to_vec());
    for d in digits.iter_mut().rev() {
        match digit_value(*d).unwrap_or(0) {
            0 => *d = DIGITS[BASE - 1],
            v => {
                *d = DIGITS[v - 1];
                return Some(concat(&[head], &String::from_utf8_lossy(&digits)));
            }
        }
    }
    let head = match head {
        b'a' => return Some("Zz".to_owned()),
        b'A' => return None,
        h => h - 1,
    };
    if head < b'Z' {
        digits.push(DIGITS[BASE - 1])
    } else {
        digits.pop();
    }
    Some(concat(&[head], &String::from_utf8_lossy(&digits)))
}

/// The midpoint of two fractions `a < b` (`b = None` meaning 1). Neither ends in `0`.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Skip the common prefix (reading a missing digit of `a` as 0).
        let n = b
            .iter()
            .enumerate()
            .take_while(|&(i, &d)| a.get(i).copied().unwrap_or(b'0') == d)
            .count();
        if n > 0 {
            let tail = midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]));
            return concat(&b[..n], &tail);
        }
    }
    let da = a.first().and_then(|&c| digit_value(c)).unwrap_or(0);
    let db = b
        .and_then(|b| b.first())
        .and_then(|&c| digit_value(c))
        .unwrap_or(BASE);
    if db - da > 1 {
        char::from(DIGITS[(da + db).div_ceil(2)]).to_string()
    } else {
        match b {
            // The first digits are consecutive; b's first digit alone sorts between them.
            Some(b) if b.len() > 1 => char::from(b[0]).to_string(),
            _ => char::from(DIGITS[da]).to_string() + &midpoint(a.get(1..).unwrap_or(&[]), None),
        }
    }
}

impl fmt::Display for OrderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for OrderKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::parse(&s).map_err(|_| serde::de::Error::custom("invalid ordering key"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(s: &str) -> OrderKey {
        OrderKey::parse(s).unwrap()
    }

    #[test]
    fn the_first_key_is_a0_and_neighbours_count_up_and_down() {
        let first = OrderKey::between(None, None);
        assert_eq!(first.as_str(), "a0");
        assert_eq!(OrderKey::between(Some(&first), None).as_str(), "a1");
        assert_eq!(OrderKey::between(None, Some(&first)).as_str(), "Zz");
        assert_eq!(OrderKey::between(Some(&key("az")), None).as_str(), "b00");
        assert_eq!(OrderKey::between(None, Some(&key("b00"))).as_str(), "az");
        assert_eq!(
            OrderKey::between(Some(&key("a0")), Some(&key("a1"))).as_str(),
            "a0V"
        );
    }

    #[test]
    fn malformed_keys_are_refused() {
        let smallest = format!("A{}", "0".repeat(26));
        for s in [
            "",
            "a",
            "a00",
            "0",
            "a-b",
            "ø",
            "b0",
            &smallest,
            &"a".repeat(limits::ORDER_KEY_MAX + 1),
        ] {
            assert_eq!(OrderKey::parse(s), Err(Rejection::InvalidOrderKey), "{s:?}");
        }
    }

    #[test]
    fn reversed_bounds_still_give_a_key_after_the_lower_one() {
        let k = OrderKey::between(Some(&key("b00")), Some(&key("a0")));
        assert!(k > key("b00"));
        let k = OrderKey::between(Some(&key("a5")), Some(&key("a5")));
        assert!(k > key("a5"));
    }

    #[test]
    fn appending_or_prepending_a_thousand_times_keeps_keys_short() {
        let (mut last, mut first) = (OrderKey::between(None, None), OrderKey::between(None, None));
        for _ in 0..1000 {
            let next = OrderKey::between(Some(&last), None);
            assert!(next > last && OrderKey::parse(next.as_str()).is_ok());
            last = next;
            let prev = OrderKey::between(None, Some(&first));
            assert!(
                prev < first && OrderKey::parse(prev.as_str()).is_ok(),
                "{prev}"
            );
            first = prev;
        }
        assert_eq!((last.as_str().len(), first.as_str().len()), (3, 3));
    }

    #[test]
    fn inserting_always_at_the_same_place_grows_keys_slowly() {
        // Someone keeps putting a card second in a cell.
        let first = OrderKey::between(None, None);
        let mut second = OrderKey::between(Some(&first), None);
        for _ in 0..200 {
            second = OrderKey::between(Some(&first), Some(&second));
        }
        assert!(second.as_str().len() < 50, "{}", second.as_str().len());
    }

    /// Valid keys of every shape: positive and negative integer parts, with and without
    /// fractions.
    fn arb_key() -> impl Strategy<Value = OrderKey> {
        (
            prop::sample::select(b"abcdYZ".to_vec()),
            "[0-9A-Za-z]{4}",
            "([0-9A-Za-z]{0,5}[1-9A-Za-z])?",
        )
            .prop_map(|(head, digits, fraction)| {
                let n = integer_len(head).unwrap() - 1;
                key(&format!(
                    "{}{}{}",
                    char::from(head),
                    &digits[..n.min(4)],
                    fraction
                ))
            })
            .prop_filter("integer part must be complete", |k| {
                k.as_str().len() >= integer_len(k.as_str().as_bytes()[0]).unwrap()
            })
    }

    proptest! {
        #[test]
        fn between_two_keys_is_strictly_between_and_valid(a in arb_key(), b in arb_key()) {
            prop_assume!(a != b);
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let m = OrderKey::between(Some(&lo), Some(&hi));
            prop_assert!(OrderKey::parse(m.as_str()).is_ok());
            prop_assert!(lo < m && m < hi, "{lo} < {m} < {hi}");
        }

        #[test]
        fn open_bounds_give_keys_before_and_after(a in arb_key()) {
            let before = OrderKey::between(None, Some(&a));
            let after = OrderKey::between(Some(&a), None);
            prop_assert!(OrderKey::parse(before.as_str()).is_ok());
            prop_assert!(before < a && a < after);
        }

        #[test]
        fn repeated_inserts_at_random_places_keep_a_strict_order(picks in proptest::collection::vec(0usize..1000, 1..120)) {
            let mut keys: Vec<OrderKey> = Vec::new();
            for p in picks {
                let i = p % (keys.len() + 1);
                let k = OrderKey::between(i.checked_sub(1).map(|j| &keys[j]), keys.get(i));
                keys.insert(i, k);
            }
            prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
