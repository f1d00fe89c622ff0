// kiosk::posix on a real folder: UniqueFd closes, list_dir sorts, read_file keeps its limit, writes are whole.
#include "content/posix_file.hpp"

#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using kiosk::test::TempDir;
namespace posix = kiosk::posix;

TEST_CASE("UniqueFd closes its descriptor once, and a moved-from one holds none")
{
    TempDir dir;
    int raw = open(dir.write("a", "x").c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(raw >= 0);
    {
        posix::UniqueFd fd(raw);
        posix::UniqueFd moved(std::move(fd));
        CHECK_FALSE(fd);
        CHECK(moved.get() == raw);
    }
    CHECK(fcntl(raw, F_GETFD) == -1); // Closed with `moved`.
    posix::UniqueFd kept(open(dir.file("a").c_str(), O_RDONLY | O_CLOEXEC));
    int released = kept.release();
    CHECK_FALSE(kept);
    CHECK(fcntl(released, F_GETFD) != -1);
    close(released);
}

TEST_CASE("list_dir gives the names sorted, without . and .., and nothing for a missing folder")
{
    TempDir dir;
    dir.write("b", "");
    dir.write("a", "");
    dir.write(".hidden", "");
    auto names = posix::list_dir(dir.path());
    REQUIRE(names);
    CHECK(*names == std::vector<std::string> {".hidden", "a", "b"});
    CHECK_FALSE(posix::list_dir(dir.file("missing")));
}

TEST_CASE("read_file reads whole files within the limit and refuses the rest")
{
    TempDir dir;
    dir.write("ten", "0123456789");
    CHECK(posix::read_file(dir.file("ten"), 10) == "0123456789");
    CHECK_FALSE(posix::read_file(dir.file("ten"), 9));
    CHECK_FALSE(posix::read_file(dir.file("missing"), 100));
    CHECK_FALSE(posix::read_file(dir.path(), 100)); // A folder is not a file.
    REQUIRE(mkfifo(dir.file("fifo").c_str(), 0600) == 0);
    CHECK_FALSE(posix::read_file(dir.file("fifo"), 100)); // Refused without waiting for a writer.
    REQUIRE(symlink(dir.file("ten").c_str(), dir.file("link").c_str()) == 0);
    CHECK(posix::read_file(dir.file("link"), 100) == "0123456789");
    CHECK_FALSE(posix::read_file(dir.file("link"), 100, posix::Links::Refuse));
    CHECK(posix::read_file("/proc/self/stat", 64 * 1024)->size() > 0); // Its size says 0: read to the end.
}

TEST_CASE("write_file_durably replaces a file whole and leaves no temporary file")
{
    TempDir dir;
    dir.write("f", "old");
    CHECK(posix::write_file_durably(dir.file("f"), "new", 0600));
    CHECK(posix::read_file(dir.file("f"), 100) == "new");
    CHECK(posix::list_dir(dir.path()) == std::vector<std::string> {"f"});
    struct stat st { };
    REQUIRE(stat(dir.file("f").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    posix::WriteResult missing = posix::write_file_durably(dir.file("no/such/f"), "x", 0644);
    CHECK_FALSE(missing);
    CHECK_FALSE(missing.created);
    CHECK(missing.error == ENOENT);
}

TEST_CASE("Existing::Refuse writes a new file but never replaces one")
{
    TempDir dir;
    CHECK(posix::write_file_durably(dir.file("key"), "secret", 0600, posix::Existing::Refuse));
    posix::WriteResult again = posix::write_file_durably(dir.file("key"), "other", 0600, posix::Existing::Refuse);
    CHECK_FALSE(again);
    CHECK(again.error == EEXIST);
    CHECK(posix::read_file(dir.file("key"), 100) == "secret");
}

TEST_CASE("append_durably adds lines to the end")
{
    TempDir dir;
    CHECK(posix::append_durably(dir.file("log"), "one\n", 0600));
    CHECK(posix::append_durably(dir.file("log"), "two\n", 0600));
    CHECK(posix::read_file(dir.file("log"), 100) == "one\ntwo\n");
}
