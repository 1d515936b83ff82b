//! Limits on the meta data of one payment.
//!
//! Resurs's schema puts no bound on `addMetaData`; without one a payment's
//! meta data grows with every call and so does every `getPayment` response.
//! These limits bound it (the simulator refuses a call that would exceed
//! them with `ILLEGAL_ARGUMENT`, and [`check_add_meta_data`] says so before
//! sending). Sizes are UTF-8 bytes.

/// Most meta data entries (distinct keys) one payment holds.
pub const MAX_META_DATA_ENTRIES: usize = 100;
/// Longest key, in bytes.
pub const MAX_META_DATA_KEY_BYTES: usize = 256;
/// Longest value, in bytes.
pub const MAX_META_DATA_VALUE_BYTES: usize = 4096;
/// Most bytes of keys and values together on one payment.
pub const MAX_META_DATA_BYTES: usize = 64 * 1024;

/// Why an `addMetaData` call is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetaDataError {
    /// The key is empty.
    #[error("the meta data key must not be empty")]
    EmptyKey,
    /// The key is longer than [`MAX_META_DATA_KEY_BYTES`].
    #[error(
        "the meta data key is {bytes} bytes long; at most {MAX_META_DATA_KEY_BYTES} are allowed"
    )]
    KeyTooLong {
        /// Its length.
        bytes: usize,
    },
    /// The value is longer than [`MAX_META_DATA_VALUE_BYTES`].
    #[error("the value of meta data key `{key}` is {bytes} bytes long; at most {MAX_META_DATA_VALUE_BYTES} are allowed")]
    ValueTooLong {
        /// The key.
        key: String,
        /// The value's length.
        bytes: usize,
    },
    /// A new key beyond [`MAX_META_DATA_ENTRIES`].
    #[error("the payment already holds {MAX_META_DATA_ENTRIES} meta data entries; `{key}` would be one more")]
    TooManyEntries {
        /// The new key.
        key: String,
    },
    /// Keys and values together would exceed [`MAX_META_DATA_BYTES`].
    #[error("the payment's meta data would take {bytes} bytes; at most {MAX_META_DATA_BYTES} are allowed")]
    TooLarge {
        /// The size after the call.
        bytes: usize,
    },
}

/// Checks setting `key` to `value` on a payment that holds `existing`
/// entries (key, value); an existing key is replaced, not added.
pub fn check_meta_data<'a>(
    existing: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    key: &str,
    value: Option<&str>,
) -> Result<(), MetaDataError> {
    if key.is_empty() {
        return Err(MetaDataError::EmptyKey);
    }
    if key.len() > MAX_META_DATA_KEY_BYTES {
        return Err(MetaDataError::KeyTooLong { bytes: key.len() });
    }
    let value_bytes = value.map_or(0, str::len);
    if value_bytes > MAX_META_DATA_VALUE_BYTES {
        return Err(MetaDataError::ValueTooLong {
            key: key.to_owned(),
            bytes: value_bytes,
        });
    }
    let (mut entries, mut bytes, mut replaces) = (0usize, 0usize, false);
    for (k, v) in existing {
        if k == key {
            replaces = true;
            continue;
        }
        entries += 1;
        bytes = bytes.saturating_add(k.len() + v.map_or(0, str::len));
    }
    if !replaces && entries >= MAX_META_DATA_ENTRIES {
        return Err(MetaDataError::TooManyEntries {
            key: key.to_owned(),
        });
    }
    let bytes = bytes.saturating_add(key.len() + value_bytes);
    if bytes > MAX_META_DATA_BYTES {
        return Err(MetaDataError::TooLarge { bytes });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize, value: &str) -> Vec<(String, Option<String>)> {
        (0..n)
            .map(|i| (format!("k{i}"), Some(value.to_owned())))
            .collect()
    }

    fn view(e: &[(String, Option<String>)]) -> impl Iterator<Item = (&str, Option<&str>)> {
        e.iter().map(|(k, v)| (k.as_str(), v.as_deref()))
    }

    #[test]
    fn entry_count_is_bounded_but_replacing_is_not_adding() {
        let full = entries(MAX_META_DATA_ENTRIES, "v");
        assert_eq!(
            check_meta_data(view(&full), "new", Some("v")),
            Err(MetaDataError::TooManyEntries { key: "new".into() })
        );
        assert_eq!(check_meta_data(view(&full), "k7", Some("other")), Ok(()));
        let almost = entries(MAX_META_DATA_ENTRIES - 1, "v");
        assert_eq!(check_meta_data(view(&almost), "new", None), Ok(()));
    }

    #[test]
    fn key_value_and_total_sizes_are_bounded() {
        assert_eq!(check_meta_data([], "", None), Err(MetaDataError::EmptyKey));
        let long_key = "k".repeat(MAX_META_DATA_KEY_BYTES + 1);
        assert!(matches!(
            check_meta_data([], &long_key, None),
            Err(MetaDataError::KeyTooLong { .. })
        ));
        let at_limit = "v".repeat(MAX_META_DATA_VALUE_BYTES);
        assert_eq!(check_meta_data([], "k", Some(&at_limit)), Ok(()));
        let over = "v".repeat(MAX_META_DATA_VALUE_BYTES + 1);
        assert!(matches!(
            check_meta_data([], "k", Some(&over)),
            Err(MetaDataError::ValueTooLong { .. })
        ));
        // 16 values of 4000 bytes leave no room in 64 KiB for a 17th.
        let big = entries(16, &"v".repeat(4000));
        assert!(matches!(
            check_meta_data(view(&big), "more", Some(&"v".repeat(4000))),
            Err(MetaDataError::TooLarge { .. })
        ));
    }
}
