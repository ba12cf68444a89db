//! The process's peak resident memory, for `--stats`: where in a run memory grows is what the benchmark's memory
//! target is measured against.

/// The high-water mark of resident memory so far, in bytes (`VmHWM`); `None` where the system does not tell.
pub(super) fn peak_resident() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

/// Hands the memory freed so far back to the system (glibc's `malloc_trim`). glibc keeps freed blocks in its
/// arenas, where a few blocks that live on pin the pages around them; a code base planned after another then grows
/// resident memory instead of reusing them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(super) fn return_freed() {
    extern "C" {
        fn malloc_trim(pad: usize) -> std::ffi::c_int;
    }
    // SAFETY: malloc_trim only releases memory that no allocation holds; any thread may call it at any time.
    unsafe {
        malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(super) fn return_freed() {}

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
