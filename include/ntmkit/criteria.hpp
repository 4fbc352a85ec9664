// Criteria sets: the types (criteria_set.hpp), the file format (criteria_json.hpp) and loading
// the sets shipped under <data dir>/criteria or a user's own file.
#pragma once

#include <ntmkit/criteria_json.hpp>
#include <ntmkit/criteria_set.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ntmkit {

/// The data directory used when NTMKIT_DATA_DIR is not set, if not empty: a program that ships
/// its own copy (the Python package) sets it once at start instead of changing the environment.
inline std::filesystem::path& default_data_dir() {
    static std::filesystem::path dir;
    return dir;
}

/// Where the shipped sets live: $NTMKIT_DATA_DIR/criteria when that variable is set, else
/// default_data_dir()/criteria when set, else the compile-time NTMKIT_DATA_DIR.
inline std::filesystem::path builtin_criteria_dir() {
    if (const char* env = std::getenv("NTMKIT_DATA_DIR"); env && *env)
        return std::filesystem::path(env) / "criteria";
    if (!default_data_dir().empty())
        return default_data_dir() / "criteria";
#ifdef NTMKIT_DATA_DIR
    return std::filesystem::path(NTMKIT_DATA_DIR) / "criteria";
#else
    throw error("NTMKIT_DATA_DIR", "no data directory: set the environment variable "
                                   "NTMKIT_DATA_DIR or define the macro when compiling");
#endif
}

/// Reads one criteria file. Errors name the file and the JSON pointer: "x.json#/groups/0/id".
inline criteria_set load_criteria_set(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw error(path.string(), "cannot open criteria file");
    std::stringstream text;
    text << in.rdbuf();
    auto json = detail::parse_json_text(text.str(), path.string());
    return detail::located_in(path.string(), [&] { return json.get<criteria_set>(); });
}

/// Ids of the shipped sets (file names without .json), sorted.
inline std::vector<std::string> list_builtin_criteria_sets() {
    auto dir = builtin_criteria_dir();
    std::error_code ec;
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            ids.push_back(entry.path().stem().string());
    if (ec)
        throw error(dir.string(), "cannot list criteria sets: " + ec.message());
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// Loads a shipped set by id, e.g. "qd318-2022-xa". The file's id must match its name.
inline criteria_set load_builtin_criteria_set(std::string_view id) {
    std::string name(id);
    if (!detail::valid_set_id(name))
        throw validation_error("criteria set \"" + name + "\"", "not a valid set id");
    auto path = builtin_criteria_dir() / (name + ".json");
    if (!std::filesystem::exists(path)) {
        std::string known;
        for (const auto& k : list_builtin_criteria_sets())
            known += (known.empty() ? "" : ", ") + k;
        throw validation_error("criteria set \"" + name + "\"", "not found in " +
                                                                    path.parent_path().string() +
                                                                    "; available: " + known);
    }
    auto set = load_criteria_set(path);
    if (set.id != name)
        throw validation_error(path.string() + "#/id",
                               "file declares id \"" + set.id + "\", expected \"" + name + "\"");
    return set;
}

/// Writes a set (e.g. after set_threshold) so it can be loaded again or shipped by the user.
inline void save_criteria_set(const criteria_set& set, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw error(path.string(), "cannot write criteria file");
    out << nlohmann::json(set).dump(2) << '\n';
}

} // namespace ntmkit
