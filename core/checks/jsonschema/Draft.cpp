#include "checks/jsonschema/Draft.h"

using namespace Qt::StringLiterals;

namespace tierlens {

std::optional<JsonSchemaDraft> jsonSchemaDraftFromUri(const QString& uri)
{
    QString u = uri.trimmed();
    if (u.endsWith(u'#'))
        u.chop(1);
    if (u.startsWith(u"https://"_s))
        u = u"http://"_s + u.mid(8);
    if (u == u"http://json-schema.org/draft-04/schema"_s)
        return JsonSchemaDraft::Draft4;
    if (u == u"http://json-schema.org/draft-06/schema"_s)
        return JsonSchemaDraft::Draft6;
    if (u == u"http://json-schema.org/draft-07/schema"_s)
        return JsonSchemaDraft::Draft7;
    if (u == u"http://json-schema.org/draft/2020-12/schema"_s)
        return JsonSchemaDraft::Draft2020_12;
    return std::nullopt;
}

QString jsonSchemaDraftName(JsonSchemaDraft draft)
{
    switch (draft) {
    case JsonSchemaDraft::Draft4:
        return u"draft-04"_s;
    case JsonSchemaDraft::Draft6:
        return u"draft-06"_s;
    case JsonSchemaDraft::Draft7:
        return u"draft-07"_s;
    case JsonSchemaDraft::Draft2020_12:
        return u"draft2020-12"_s;
    }
    return QString();
}

} // namespace tierlens
