# mk/sqlite.mk - rasd as a SQLite loadable extension (included by the Makefile):
#   make sqlite-ext     build/rasd.so: `.load build/rasd` in the sqlite3 shell
# Installed by `make install` as LIBDIR/rasd/rasd.so.

SQLITE_EXT := $(BUILD)/rasd.so

$(SQLITE_EXT): src/sqlite/rasd_ext.c $(LIB_PIC_OBJ) mk/librasd.map
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -fPIC -shared \
		-Wl,--version-script=mk/librasd.map -o $@ src/sqlite/rasd_ext.c $(LIB_PIC_OBJ) \
		$(LDFLAGS) $(PKG_LIBS) -lpthread -lm

.PHONY: sqlite-ext
sqlite-ext: $(SQLITE_EXT)
