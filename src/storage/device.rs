//! The device name: which file of a document's sidecar folder this device writes
//! (`NAME.EXT.pangzhu/DEVICE.ron`). A setting in the app; `PANGZHU_DEVICE` overrides it (tests,
//! scripts, the CLI); the host name otherwise.

/// Environment variable naming this device (overrides the setting).
pub const DEVICE_ENV: &str = "PANGZHU_DEVICE";
/// What a name that sanitises to nothing becomes.
const UNNAMED: &str = "device";
const MAX_LEN: usize = 64;

/// `PANGZHU_DEVICE` if set and usable, else `setting` if usable, else the host name.
pub fn device_name(setting: Option<&str>) -> String {
    let from_env = std::env::var(DEVICE_ENV).ok();
    [from_env.as_deref(), setting]
        .into_iter()
        .flatten()
        .map(sanitize)
        .find(|name| name != UNNAMED)
        .unwrap_or_else(host_device)
}

/// The host name as a device name (the default of the setting).
pub fn host_device() -> String {
    sanitize(&gethostname::gethostname().to_string_lossy())
}

/// A name that is a safe file name on every platform and every sync tool: letters (any
/// script), digits, `-` and `_`; everything else becomes `-`. Names the folder reserves
/// (`legacy…`, conflict-copy markers) get a `device-` prefix so they cannot be mistaken.
pub fn sanitize(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars() {
        let keep = c.is_alphanumeric() || c == '-' || c == '_';
        let c = if keep { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out: String = out.trim_matches('-').chars().take(MAX_LEN).collect();
    if out.is_empty() {
        return UNNAMED.to_owned();
    }
    let lower = out.to_lowercase();
    let reserved = lower.starts_with("legacy") || lower.contains("conflict");
    if reserved && !lower.starts_with("device-") {
        return format!("device-{out}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(
            sanitize("Alice's MacBook Pro.local"),
            "Alice-s-MacBook-Pro-local"
        );
        assert_eq!(sanitize("  张三的电脑 "), "张三的电脑");
        assert_eq!(sanitize("../../etc"), "etc");
        assert_eq!(sanitize("a/b\\c:d*e"), "a-b-c-d-e");
        assert_eq!(sanitize("///"), "device");
        assert_eq!(sanitize("legacy"), "device-legacy");
        assert_eq!(sanitize("x.sync-conflict-1"), "device-x-sync-conflict-1");
        assert_eq!(
            sanitize("device-x-sync-conflict-1"),
            "device-x-sync-conflict-1"
        );
        assert_eq!(sanitize(&"x".repeat(100)).len(), MAX_LEN);
    }

    #[test]
    fn the_setting_is_used_unless_unusable() {
        // The environment may name a device in CI; only the setting path is checked here.
        if std::env::var_os(DEVICE_ENV).is_none() {
            assert_eq!(device_name(Some("laptop")), "laptop");
            assert_eq!(device_name(Some("///")), host_device());
        }
    }
}
