fn main() {
    stance_atlas::start();
}
