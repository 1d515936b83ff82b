//! Leaving out required elements the peer did not send: the decoder filled
//! them with a default and said so in a diagnostic; the JSON omits them.

use serde_json::Value;
use soap_runtime::diag::{Path, Segment};
use soap_runtime::rt::{Diagnostic, DiagnosticKind};

/// How many leading path segments (`Envelope/Body/<operation>`) the JSON does not have.
const BODY_DEPTH: usize = 3;

/// Removes from `json` (the content of the operation or `Fault` element) every
/// element a `MissingRequired` diagnostic names.
pub(crate) fn drop_missing(json: &mut Value, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        if matches!(diagnostic.kind, DiagnosticKind::MissingRequired(_)) {
            remove(json, &diagnostic.path);
        }
    }
}

/// Removes the key at `path` (`Envelope/Body/op/return/paymentDiffs[2]/created`;
/// `[n]` is 1-based and selects an array item). Paths that lead nowhere are ignored.
fn remove(json: &mut Value, path: &Path) {
    let segments = path.segments();
    let Some((last, parents)) = segments.get(BODY_DEPTH..).and_then(<[Segment]>::split_last) else {
        return;
    };
    let mut node = json;
    for segment in parents {
        let Some(child) = node
            .as_object_mut()
            .and_then(|map| map.get_mut(segment.name))
        else {
            return;
        };
        node = match (child, segment.index) {
            (Value::Array(items), Some(n)) => {
                match (n as usize).checked_sub(1).and_then(|i| items.get_mut(i)) {
                    Some(item) => item,
                    None => return,
                }
            }
            (child, _) => child,
        };
    }
    if let Some(map) = node.as_object_mut() {
        map.shift_remove(last.name);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn missing(path: &str) -> Diagnostic {
        Diagnostic {
            kind: DiagnosticKind::MissingRequired(
                path.rsplit('/').next().unwrap_or("").to_owned().into(),
            ),
            path: path.into(),
            line: 1,
            column: 1,
        }
    }

    #[test]
    fn removes_top_level_and_nested_keys_keeping_order() {
        let mut json = json!({"return": {"id": "x", "paymentMethodName": "", "fraud": false}});
        drop_missing(
            &mut json,
            &[missing(
                "Envelope/Body/getPaymentResponse/return/paymentMethodName",
            )],
        );
        assert_eq!(
            serde_json::to_string(&json).ok().as_deref(),
            Some(r#"{"return":{"id":"x","fraud":false}}"#)
        );
    }

    #[test]
    fn follows_one_based_array_indexes() {
        let mut json = json!({"s": {"lines": [{"id": "1", "q": 1}, {"id": "", "q": 2}]}});
        drop_missing(&mut json, &[missing("Envelope/Body/op/s/lines[2]/id")]);
        assert_eq!(
            json,
            json!({"s": {"lines": [{"id": "1", "q": 1}, {"q": 2}]}})
        );
    }

    #[test]
    fn ignores_other_diagnostics_and_dead_paths() {
        let before = json!({"a": {"b": null}, "c": [1]});
        let mut json = before.clone();
        let mut unknown = missing("Envelope/Body/op/a");
        unknown.kind = DiagnosticKind::UnexpectedText;
        drop_missing(
            &mut json,
            &[
                unknown,
                missing("Envelope/Body/op/a/b/x"),
                missing("Envelope/Body/op/c[5]/x"),
                missing("Envelope/Body"),
            ],
        );
        assert_eq!(json, before);
    }
}
