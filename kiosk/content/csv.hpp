// CSV files as spreadsheets write them.
#pragma once
