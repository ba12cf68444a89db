//! A progress line on stderr for long runs: drawn on a terminal, after a short delay, so quick runs and
//! pipes never see it. The engine only bumps the counters (`engine::progress`).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::engine::progress::Progress;

/// Draws the progress line until dropped.
pub struct ProgressLine {
    stop: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

impl ProgressLine {
    pub fn start(progress: Arc<Progress>) -> ProgressLine {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let drawer = std::thread::spawn(move || {
            let started = Instant::now();
            let mut drawn = false;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if started.elapsed() < Duration::from_millis(700) {
                    continue;
                }
                let total = progress.files_total.load(Ordering::Relaxed);
                let parsed = progress.files_parsed.load(Ordering::Relaxed);
                let width = 30;
                let filled = (parsed * width).checked_div(total).unwrap_or(0).min(width);
                let bar: String = "#".repeat(filled) + &"-".repeat(width - filled);
                eprint!(
                    "\r\x1b[2Kasyncmod [{bar}] {parsed} of {total} files parsed ({:.1}s)",
                    started.elapsed().as_secs_f32()
                );
                let _ = std::io::stderr().flush();
                drawn = true;
            }
            if drawn {
                eprint!("\r\x1b[2K");
                let _ = std::io::stderr().flush();
            }
        });
        ProgressLine { stop, drawer: Some(drawer) }
    }
}

impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(d) = self.drawer.take() {
            let _ = d.join();
        }
    }
}
