// The kiosk executable.
#include "app/kiosk_app.hpp"

int main(int argc, char** argv)
{
    return kiosk::kiosk_main(argc, argv);
}
