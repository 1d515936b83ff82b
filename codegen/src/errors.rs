//! [`Errors`]: every problem one stage found, reported together.

use std::fmt;

/// All problems of a stage, in the order found; `Display` prints one per
/// line as `error: <problem>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Errors<E>(pub Vec<E>);

impl<E> Errors<E> {
    /// The errors, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, E> {
        self.0.iter()
    }

    /// Number of errors.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<E: fmt::Display> fmt::Display for Errors<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {e}")?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Errors<E> {}

impl<E> IntoIterator for Errors<E> {
    type Item = E;
    type IntoIter = std::vec::IntoIter<E>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, E> IntoIterator for &'a Errors<E> {
    type Item = &'a E;
    type IntoIter = std::slice::Iter<'a, E>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The names among `candidates` close to `name` (a small edit distance,
/// ignoring case, or one containing the other), closest first, at most five.
pub fn close_matches<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let wanted = name.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            let distance = strsim::levenshtein(&wanted, &lower);
            let contains =
                wanted.len() >= 3 && (lower.contains(&wanted) || wanted.contains(&lower));
            (distance <= limit || contains).then_some((distance, c))
        })
        .collect();
    close.sort();
    close.dedup();
    close
        .into_iter()
        .take(5)
        .map(|(_, c)| c.to_owned())
        .collect()
}

/// The tail of an "unknown name" message: ` (did you mean `a` or `b`?)`, or
/// a hint where the `known` `what` can be listed when none is close.
pub(crate) fn suggestion(close: &[String], known: usize, what: &str) -> String {
    match close {
        [] if known == 0 => format!(" (there are no {what})"),
        [] => format!(" (none of the {known} {what} is close; `soapgen inspect` lists them)"),
        [one] => format!(" (did you mean `{one}`?)"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|c| format!("`{c}`")).collect();
            format!(" (did you mean {} or `{last}`?)", init.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_matches_by_distance_case_and_containment() {
        let ops = [
            "finalizePayment",
            "annulPayment",
            "creditPayment",
            "getPayment",
        ];
        assert_eq!(
            close_matches("finalisePayment", ops),
            vec!["finalizePayment".to_string()]
        );
        assert_eq!(
            close_matches("GETPAYMENT", ops),
            vec!["getPayment".to_string()]
        );
        assert_eq!(
            close_matches("Payment", ops),
            vec![
                "getPayment",
                "annulPayment",
                "creditPayment",
                "finalizePayment"
            ]
        );
        assert!(close_matches("zzz", ops).is_empty());
    }

    #[test]
    fn suggestion_lists_or_hints() {
        assert_eq!(
            suggestion(&["a".into()], 3, "operations"),
            " (did you mean `a`?)"
        );
        assert_eq!(
            suggestion(&["a".into(), "b".into(), "c".into()], 3, "operations"),
            " (did you mean `a`, `b` or `c`?)"
        );
        assert!(suggestion(&[], 3, "operations").contains("none of the 3 operations"));
        assert_eq!(
            suggestion(&[], 0, "operations"),
            " (there are no operations)"
        );
    }
}
