// Reading the active version back as a Bundle for the screens' snapshot, and its images' bytes.
#include "store/codec.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/versions.hpp"

namespace kiosk::store {

namespace {

std::optional<SectionKind> section_kind_from(const std::string& name)
{
    for (SectionKind kind : {SectionKind::Page, SectionKind::Cards, SectionKind::Agenda}) {
        if (name == section_kind_name(kind))
            return kind;
    }
    return std::nullopt;
}

// Reads the rows of one version into a Bundle, in one read transaction the caller holds. A false return leaves the
// reason in `problem`, or in the Database's error when SQLite failed.
class BundleLoader {
public:
    BundleLoader(Database& database, std::int64_t version_id)
        : m_db(database)
        , m_version_id(version_id)
    { }

    std::optional<Bundle> load()
    {
        Bundle bundle;
        if (!load_info(bundle.info) || !load_sections(bundle.info) || !load_pronunciations(bundle.info)
            || !load_pages(bundle) || !load_cards(bundle) || !load_events(bundle) || !load_images(bundle))
            return std::nullopt;
        return bundle;
    }

    const std::string& problem() const { return m_problem; }

private:
    bool damaged(const std::string& table)
    {
        m_problem = "the stored content is damaged (in the " + table + " table): import the bundle again";
        return false;
    }

    // Steps `query` through its rows, calling `row` for each; false on a database error or when `row` says so.
    template <typename RowFunction> bool each_row(StatementUse& query, RowFunction row)
    {
        for (;;) {
            Step step = query->step();
            if (step == Step::Done)
                return true;
            if (step == Step::Error || !row())
                return false;
        }
    }

    bool load_info(BundleInfo& info)
    {
        bool with_actions = schema_version_of(m_db) >= 5; // Below it (tests of migrations), no actions column.
        StatementUse query = m_db.use(with_actions
                ? "SELECT name, languages, time_zone, has_urgent, urgent_title, urgent_page, urgent_actions "
                  "FROM bundle_info WHERE version_id = ?1"
                : "SELECT name, languages, time_zone, has_urgent, urgent_title, urgent_page "
                  "FROM bundle_info WHERE version_id = ?1");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        Step step = query->step();
        if (step == Step::Error)
            return false;
        if (step != Step::Row)
            return damaged("bundle_info");
        auto name = decode_text(query->column_text(0));
        auto languages = decode_list(query->column_text(1));
        if (!name || !languages || languages->empty())
            return damaged("bundle_info");
        info.name = std::move(*name);
        info.languages = std::move(*languages);
        info.time_zone = query->column_text(2);
        if (query->column_int(3) != 0) {
            auto title = decode_text(query->column_text(4));
            std::optional<std::vector<Text>> actions
                = with_actions ? decode_texts(query->column_text(6)) : std::vector<Text> {};
            if (!title || !actions)
                return damaged("bundle_info");
            info.urgent = UrgentTile {std::move(*title), query->column_text(5), std::move(*actions)};
        }
        return true;
    }

    bool load_sections(BundleInfo& info)
    {
        bool with_icons = schema_version_of(m_db) >= 6; // Below it (tests of migrations), no icon column.
        StatementUse query = m_db.use(with_icons ? "SELECT id, kind, title, page, source, filter_column, icon FROM "
                                                   "sections WHERE version_id = ?1 ORDER BY position"
                                                 : "SELECT id, kind, title, page, source, filter_column FROM sections "
                                                   "WHERE version_id = ?1 ORDER BY position");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            Section section;
            section.id = query->column_text(0);
            auto kind = section_kind_from(query->column_text(1));
            auto title = decode_text(query->column_text(2));
            if (!kind || !title)
                return damaged("sections");
            section.kind = *kind;
            section.title = std::move(*title);
            section.page = query->column_text(3);
            section.source = query->column_text(4);
            section.filter_column = query->column_text(5);
            if (with_icons)
                section.icon = query->column_text(6); // A name this kiosk does not list shows the kind's icon.
            info.sections.push_back(std::move(section));
            return true;
        });
    }

    bool load_pronunciations(BundleInfo& info)
    {
        if (schema_version_of(m_db) < 8) // Below it (tests of migrations), no pronunciations table.
            return true;
        StatementUse query = m_db.use("SELECT language, word, said_as FROM pronunciations WHERE version_id = ?1 "
                                      "ORDER BY language, position");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            info.pronounce[query->column_text(0)].emplace_back(query->column_text(1), query->column_text(2));
            return true;
        });
    }

    bool load_pages(Bundle& bundle)
    {
        StatementUse query = m_db.use("SELECT name, language, path, markdown FROM pages WHERE version_id = ?1");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            std::string name = query->column_text(0);
            Page& page = bundle.pages[name];
            page.name = std::move(name);
            // The import's diagnostics are in the version's report already; parsing again finds the same ones.
            Diagnostics ignored;
            page.by_language[query->column_text(1)]
                = parse_markdown(query->column_text(3), query->column_text(2), ignored);
            return true;
        });
    }

    bool load_cards(Bundle& bundle)
    {
        {
            StatementUse lists = m_db.use("SELECT source FROM card_lists WHERE version_id = ?1");
            if (!lists)
                return false;
            lists->bind_int(1, m_version_id);
            if (!each_row(lists, [&] {
                    bundle.card_lists[lists->column_text(0)];
                    return true;
                }))
                return false;
        }
        StatementUse query = m_db.use("SELECT source, id, title, description, url, image, tags, file, line FROM cards "
                                      "WHERE version_id = ?1 ORDER BY source, position");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            Card card;
            card.id = query->column_text(1);
            auto title = decode_text(query->column_text(2));
            auto description = decode_text(query->column_text(3));
            auto tags = decode_tags(query->column_text(6));
            if (!title || !description || !tags)
                return damaged("cards");
            card.title = std::move(*title);
            card.description = std::move(*description);
            card.url = query->column_text(4);
            card.image = query->column_text(5);
            card.tags = std::move(*tags);
            card.file = query->column_text(7);
            card.line = static_cast<int>(query->column_int(8));
            bundle.card_lists[query->column_text(0)].push_back(std::move(card));
            return true;
        });
    }

    bool load_events(Bundle& bundle)
    {
        StatementUse query = m_db.use("SELECT id, title, description, location, url, file, line, all_day, start, "
                                      "duration_seconds, time_zone, vtimezone, rrule, rdates, exdates FROM events "
                                      "WHERE version_id = ?1 ORDER BY position");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            Event event;
            event.id = query->column_text(0);
            auto title = decode_text(query->column_text(1));
            auto description = decode_text(query->column_text(2));
            auto location = decode_text(query->column_text(3));
            auto start = parse_stored_time(query->column_text(8));
            auto rdates = decode_times(query->column_text(13));
            auto exdates = decode_times(query->column_text(14));
            if (!title || !description || !location || !start || !rdates || !exdates)
                return damaged("events");
            event.title = std::move(*title);
            event.description = std::move(*description);
            event.location = std::move(*location);
            event.url = query->column_text(4);
            event.file = query->column_text(5);
            event.line = static_cast<int>(query->column_int(6));
            event.all_day = query->column_int(7) != 0;
            event.start = *start;
            event.duration_seconds = query->column_int(9);
            event.time_zone = query->column_text(10);
            event.vtimezone = query->column_text(11);
            event.rrule = query->column_text(12);
            event.rdates = std::move(*rdates);
            event.exdates = std::move(*exdates);
            bundle.events.push_back(std::move(event));
            return true;
        });
    }

    bool load_images(Bundle& bundle)
    {
        StatementUse query = m_db.use("SELECT path, format, width, height, bytes FROM images WHERE version_id = ?1");
        if (!query)
            return false;
        query->bind_int(1, m_version_id);
        return each_row(query, [&] {
            ImageInfo info;
            std::string format = query->column_text(1);
            if (format != "png" && format != "jpeg")
                return damaged("images");
            info.format = format == "jpeg" ? ImageFormat::Jpeg : ImageFormat::Png;
            info.width = static_cast<int>(query->column_int(2));
            info.height = static_cast<int>(query->column_int(3));
            info.bytes = static_cast<std::uint64_t>(query->column_int(4));
            bundle.images[query->column_text(0)] = info;
            return true;
        });
    }

    Database& m_db;
    std::int64_t m_version_id;
    std::string m_problem;
};

} // namespace

std::optional<Bundle> Store::load_active_bundle(std::string& error)
{
    std::lock_guard lock(m_mutex);
    Database& db = *m_db;
    // One snapshot for every table: an import by another process cannot land between two reads.
    Transaction snapshot(db, Transaction::Kind::Deferred);
    if (!snapshot.active()) {
        error = "the content cannot be read: " + db.error();
        return std::nullopt;
    }
    bool failed = false;
    auto id = read_state_int(db, state_key::active, failed);
    if (failed) {
        error = "the content cannot be read: " + db.error();
        return std::nullopt;
    }
    if (!id)
        return std::nullopt;
    BundleLoader loader(db, *id);
    auto bundle = loader.load();
    if (!bundle)
        error = "the content cannot be read: " + (loader.problem().empty() ? db.error() : loader.problem());
    return bundle;
}

std::optional<std::string> Store::image_data(const std::string& path)
{
    std::lock_guard lock(m_mutex);
    StatementUse query = m_db->use("SELECT data FROM images WHERE version_id = (SELECT CAST(value AS INTEGER) FROM "
                                   "state WHERE key = 'active') AND path = ?1 AND data IS NOT NULL");
    if (!query)
        return std::nullopt;
    query->bind_text(1, path);
    if (query->step() != Step::Row)
        return std::nullopt;
    return query->column_blob(0);
}

std::vector<std::pair<std::string, std::string>> Store::active_source_files()
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<std::string, std::string>> files;
    StatementUse query = m_db->use("SELECT path, hash FROM source_files WHERE version_id = (SELECT CAST(value AS "
                                   "INTEGER) FROM state WHERE key = 'active') ORDER BY path");
    if (!query)
        return files;
    while (query->step() == Step::Row)
        files.emplace_back(query->column_text(0), query->column_text(1));
    return files;
}

} // namespace kiosk::store
