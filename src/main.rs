fn main() {
    // SAFETY: nothing has touched tree-sitter yet.
    unsafe { asyncmod::syntax::allocator::install() };
    std::process::exit(asyncmod::cli::main());
}
