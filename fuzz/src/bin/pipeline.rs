//! AFL++ target: bytes → up to four C# files → the whole pipeline (discover, parse, index, plan, render,
//! apply, second run), with the invariants of `tests/support/pipeline.rs`. A violation panics, which AFL++
//! records as a crash.

#[path = "../../../tests/support/pipeline.rs"]
mod pipeline;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let files = pipeline::files_from_bytes(data);
        if let Err(violation) = pipeline::check(&files, false) {
            panic!("invariant violated: {violation}");
        }
    });
}
