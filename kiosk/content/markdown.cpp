// Markdown with md4c into the document model.
#include "content/markdown.hpp"
