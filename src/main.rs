fn main() {
    std::process::exit(asyncmod::cli::main());
}
