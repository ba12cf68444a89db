//! The process's peak resident memory, for `--stats`: where in a run memory grows is what the benchmark's memory
//! target is measured against.

/// The high-water mark of resident memory so far, in bytes (`VmHWM`); `None` where the system does not tell.
pub(super) fn peak_resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn reads_a_peak_that_grows_with_what_is_held() {
        let before = super::peak_resident().expect("Linux reports VmHWM");
        let held: Vec<u8> = vec![1; 64 << 20];
        let after = super::peak_resident().expect("Linux reports VmHWM");
        assert!(held.iter().all(|b| *b == 1));
        assert!(after >= before + (60 << 20), "{before} → {after}");
    }
}
