# mk/install.mk - installing rasd as a Debian tool (included by the Makefile):
#   make install   PREFIX=/usr/local DESTDIR=   binary, data, man pages, bash
#                  completion, librasd.a/.so, rasd.h, rasd.pc, docs
#   make uninstall                             removes exactly what install wrote
#   make lib                                   build/librasd.so and build/rasd.pc
#   make deb                                   build/deb/rasd_VERSION_ARCH.deb (tools/build-deb.sh)
# The installed binary finds its lexicons in PREFIX/share/rasd, relative to
# itself (so DESTDIR trees and moved prefixes work) and, failing that, at the
# PREFIX it was built for (RASD_DATADIR); RASD_DATA overrides both.

PREFIX      ?= /usr/local
DESTDIR     ?=
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
DATAROOTDIR ?= $(PREFIX)/share
PKGDATADIR  ?= $(DATAROOTDIR)/rasd
MANDIR      ?= $(DATAROOTDIR)/man
DOCDIR      ?= $(DATAROOTDIR)/doc/rasd
BASHCOMPDIR ?= $(DATAROOTDIR)/bash-completion/completions
INSTALL     ?= install

# The version of the library: include/rasd.h's RASD_VERSION.
RASD_SOVERSION := $(shell sed -n 's/^\#define RASD_VERSION "\(.*\)"/\1/p' include/rasd.h)
SO_MAJOR := 0
LIB_PIC_OBJ := $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
SHLIB    := $(BUILD)/librasd.so.$(RASD_SOVERSION)
PCFILE   := $(BUILD)/rasd.pc
# every sub-command's page: man/rasd.1 and man/rasd-COMMAND.1 (tests/cli/test_man.sh
# checks each against --help; tools/manpage.py COMMAND starts a new one)
MAN_PAGES := $(wildcard man/*.1)
DATA_FILES := $(wildcard data/*.tsv) $(wildcard data/model.txt)

# The prefix the binary falls back on, rebuilt into cli/common.o when it changes.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PKGDATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(PKGDATADIR)' >$@
$(BUILD)/obj/src/cli/common.o: $(BUILD)/prefix.stamp
$(BUILD)/obj/src/cli/common.o: CPPFLAGS += -DRASD_DATADIR='"$(PKGDATADIR)"'
.PHONY: FORCE install uninstall lib deb
FORCE:

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -fPIC -c $< -o $@

# Only the rasd_ API (and the SQLite extension's entry point) is exported.
$(SHLIB): $(LIB_PIC_OBJ) mk/librasd.map
	$(CC) $(LDFLAGS) -shared -Wl,-soname,librasd.so.$(SO_MAJOR) \
		-Wl,--version-script=mk/librasd.map -o $@ $(LIB_PIC_OBJ) $(PKG_LIBS) -lpthread -lm

# directories under PREFIX are written as ${prefix}/..., so that
# pkg-config --define-prefix (or --define-variable=prefix=...) relocates them
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))
$(PCFILE): mk/rasd.pc.in $(BUILD)/prefix.stamp include/rasd.h
	@mkdir -p $(dir $@)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(call pc_rel,$(LIBDIR))|' \
	    -e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|' \
	    -e 's|@PKGDATADIR@|$(call pc_rel,$(PKGDATADIR))|; s|@VERSION@|$(RASD_SOVERSION)|' \
	    -e 's|@REQUIRES@|$(PKGS)|' mk/rasd.pc.in >$@

lib: $(LIB) $(SHLIB) $(PCFILE)

install: all lib $(BUILD)/rasd.so
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGDATADIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(DOCDIR) \
		$(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 $(RASD) $(DESTDIR)$(BINDIR)/rasd
	$(INSTALL) -m 644 $(DATA_FILES) $(DESTDIR)$(PKGDATADIR)/
	$(INSTALL) -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 completion/rasd.bash $(DESTDIR)$(BASHCOMPDIR)/rasd
	$(INSTALL) -m 644 include/rasd.h $(DESTDIR)$(INCLUDEDIR)/rasd.h
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/librasd.a
	$(INSTALL) -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/librasd.so.$(RASD_SOVERSION)
	ln -sf librasd.so.$(RASD_SOVERSION) $(DESTDIR)$(LIBDIR)/librasd.so.$(SO_MAJOR)
	ln -sf librasd.so.$(SO_MAJOR) $(DESTDIR)$(LIBDIR)/librasd.so
	$(INSTALL) -m 644 $(PCFILE) $(DESTDIR)$(LIBDIR)/pkgconfig/rasd.pc
	$(INSTALL) -d $(DESTDIR)$(LIBDIR)/rasd
	$(INSTALL) -m 644 $(BUILD)/rasd.so $(DESTDIR)$(LIBDIR)/rasd/rasd.so
	$(INSTALL) -m 644 README.md data/SOURCES.md $(DESTDIR)$(DOCDIR)/
	$(INSTALL) -d $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(DOCDIR)/examples
	$(INSTALL) -m 644 docs/*.md $(DESTDIR)$(DOCDIR)/docs/
	$(INSTALL) -m 644 examples/* $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rasd
	rm -f $(addprefix $(DESTDIR)$(PKGDATADIR)/,$(notdir $(DATA_FILES)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN_PAGES)))
	rm -f $(DESTDIR)$(BASHCOMPDIR)/rasd $(DESTDIR)$(INCLUDEDIR)/rasd.h
	rm -f $(DESTDIR)$(LIBDIR)/librasd.a $(DESTDIR)$(LIBDIR)/librasd.so \
		$(DESTDIR)$(LIBDIR)/librasd.so.$(SO_MAJOR) \
		$(DESTDIR)$(LIBDIR)/librasd.so.$(RASD_SOVERSION) $(DESTDIR)$(LIBDIR)/pkgconfig/rasd.pc
	rm -f $(DESTDIR)$(LIBDIR)/rasd/rasd.so
	-rmdir $(DESTDIR)$(LIBDIR)/rasd 2>/dev/null
	rm -rf $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(PKGDATADIR) 2>/dev/null

-include $(LIB_PIC_OBJ:.o=.d)

# The Debian package, built by dpkg-buildpackage in a clean copy of the
# committed tree and checked (needs debhelper: make deb installs it).
deb:
	@$(MAKE) --no-print-directory EXTRA_DEB="debhelper dpkg-dev" deps
	sh tools/build-deb.sh $(BUILD)/deb
