/* Promela model of z/VM Live Guest Relocation: the canonical LGR model,
   version 1 (spec sections 2 and 3), for one configuration.
   Exported by lgrcheck 0.1.0 (lgrcheck export --promela --packed) from
     configuration: ssi2-basic (examples/ssi2-basic.json)
     variants:      none (the correct protocol)
     layout:        packed: one variable per guest and field, each only as wide
                    as its values; channels as base-8 numbers, head lowest
   Members:
     0 GDLLCPX1: storage 8, paging 16
     1 GDLLCPX2: storage 8, paging 16
   Guests:
     0 LGRLIN21: home GDLLCPX2, memory 2, max_memory 3
   Requests (cur_<g> = k means the guest's k-th request):
     LGRLIN21 -> GDLLCPX1: sync true, immediate false, maxquiesce 2, maxtotal 0
   Bounds: moves 1, cancels 1, member_failures 1, link_failures 1,
           eligibility_changes 1, passes 2

   Run (-o2 keeps the ghosts lost, bad_image and bad_commit, which SPIN
   would otherwise drop as write-only and so merge distinct states):
     spin -o2 -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c && ./pan -m100000
   "states, stored" is lgrcheck's state count exactly (offset 0) and
   "transitions" is lgrcheck's transition count + 1 (SPIN counts its first
   store). If pan says "max search depth too small", raise -m; on big
   models give pan a bigger hash table (-w).

   Properties: every state property of spec section 4 is an assertion,
   off by default so the counts above hold. Switch one on with
   -DCHECK_<Name> on the spin command line, or all with -DCHECK_ALL:
     spin -o2 -DCHECK_ALL -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c \
       && ./pan -m100000 -c0 | grep -o 'assertion violated [A-Za-z]*' | sort -u
   pan prints "assertion violated <Name>" for each violation. Without -c0 it
   stops at the first one, so it names one property only: to learn every
   property that fails, run with -c0 as above, or build one pan per
   property (-DCHECK_<Name> alone; add -e or -i for trails). Invariants are
   asserted after every action; the initial state satisfies them because
   the configuration was validated. NoDeadlock is the loop's final `else`
   branch (taken when no action is enabled): it adds one self-loop per
   terminal state to "transitions", states are unchanged. The loop head is
   a valid end state (label end_loop), so pan's own invalid-end-state check
   never fires. Termination (liveness) is not exported.
   Names: SingleInstance, OwnerRuns, NoLostGuest, ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, NoOrphanShadow, ResumedOnSource, NoDeadlock.
*/

#define MEMBERS 2
#define GUESTS 1
#define CAP 6  /* channel bound: passes + 3 + cancels */
#define PASSES 2

#define I_NONE 0
#define I_RUNNING 1
#define I_QUIESCED 2
#define I_SHADOW 3
#define I_READY 4
#define RS_NONE 0
#define RS_INIT 1
#define RS_MEMORY 2
#define RS_QUIESCED 3
#define RS_STATE_SENT 4
#define RS_CANCELING 5
/* source to destination; STATE carries its bit full as two codes */
#define SD_CREATE 1
#define SD_MEM 2
#define SD_STATE_PARTIAL 3
#define SD_STATE_FULL 4
#define SD_RESUME 5
#define SD_CANCEL 6
/* destination to source */
#define DS_CREATED 1
#define DS_REFUSED 2
#define DS_ACK_STATE 3
#define DS_CANCEL_REQ 4
#define DS_CANCEL_ACK 5

#ifdef CHECK_ALL
#define CHECK_SingleInstance
#define CHECK_OwnerRuns
#define CHECK_NoLostGuest
#define CHECK_ImageIntegrity
#define CHECK_EligibleAtCommit
#define CHECK_QuiesceBound
#define CHECK_Capacity
#define CHECK_NoOrphanShadow
#define CHECK_ResumedOnSource
#define CHECK_NoDeadlock
#endif

/* The state: exactly the variables of spec section 2, one per field and
   guest g (and member m), each initialised here. */
bit up_0 = 1;
bit up_1 = 1;
bit link_0 = 1;  /* pair i of a < b, in order; see LINK */
bit moves_left = 1;
bit cancels_left = 1;
bit mfail_left = 1;
bit lfail_left = 1;
bit elig_left = 1;
/* guest 0: LGRLIN21 */
bit own_0 = 1;
unsigned inst_0_0 : 3 = I_NONE;
unsigned inst_0_1 : 3 = I_RUNNING;
unsigned rs_0 : 3 = RS_NONE;
bit cur_0 = 0;  /* 0: no episode; k: the guest's k-th request */
unsigned from_0 : 2 = 0;  /* 0: none; m + 1: member m */
unsigned pass_0 : 2 = 0;
bit dirty_0 = 0;
bit elapsed_0 = 0;
unsigned qtime_0 : 3 = 0;
bit inelig_0 = 0;
bit img_ok_0 = 0;
unsigned c_sd_0 : 18 = 0;  /* source-to-destination FIFO, 3 bits a message, head lowest */
unsigned n_sd_0 : 3 = 0;
unsigned c_ds_0 : 18 = 0;  /* destination to source, likewise */
unsigned n_ds_0 : 3 = 0;
bit lost_0 = 0;       /* ghost */
bit bad_image_0 = 0;  /* ghost */
bit bad_commit_0 = 0; /* ghost */

/* Scratch of one d_step (hidden: not part of the state). */
hidden byte src, dst, msg;
/* One per property, so that pan names the property that fails. */
hidden byte SingleInstance = 1;
hidden byte OwnerRuns = 1;
hidden byte NoLostGuest = 1;
hidden byte ImageIntegrity = 1;
hidden byte EligibleAtCommit = 1;
hidden byte QuiesceBound = 1;
hidden byte Capacity = 1;
hidden byte NoOrphanShadow = 1;
hidden byte ResumedOnSource = 1;
hidden byte NoDeadlock = 1;

#define INST(g, m) INST_##g(m)
#define INST_0(m) ((m) == 0 -> inst_0_0 : inst_0_1)
#define UP(m) ((m) == 0 -> up_0 : up_1)
#define LINKI(i) link_0
#define SRC(g) (from_##g - 1)
#define EPISODE(g) (cur_##g != 0)
#define ACTIVE(g) (rs_##g >= RS_INIT && rs_##g <= RS_STATE_SENT)
#define RUNS(i) ((i) == I_RUNNING || (i) == I_QUIESCED)
#define AT_DST(i) ((i) == I_SHADOW || (i) == I_READY)
#define TRI(a, b) ((a) * (2 * MEMBERS - (a) - 1) / 2 + (b) - (a) - 1)
#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> LINKI(TRI(a, b)) : LINKI(TRI(b, a))))
#define STABLE (up_0 && up_1 && link_0)
/* used(m): storage held on m by every instance; RESERVED_m: what the
   storage checks count (they differ only in variant no-reservation) */
#define USED_0 ((inst_0_0 != I_NONE -> 2 : 0))
#define RESERVED_0 USED_0
#define USED_1 ((inst_0_1 != I_NONE -> 2 : 0))
#define RESERVED_1 USED_1
/* guest g's episode: destination and request attributes */
#define DST_0 0
#define SYNC_0 1
#define IMMEDIATE_0 0
#define MAXQ_0 2
#define MAXT_0 0

/* Per guest g: set_inst_<g>(m, value) writes inst_<g>_<m> for a variable m. */
inline set_inst_0(mm, value) {
  if
  :: (mm) == 0 -> inst_0_0 = value
  :: (mm) == 1 -> inst_0_1 = value
  fi
}
/* The helpers below read the scratch src and dst of the episode. */
inline send_sd_0(message) {  /* lost unless both ends and their link are up */
  if
  :: UP(src) && UP(dst) && LINK(src, dst) ->
     assert(n_sd_0 < CAP);  /* spec section 2: no send finds a full channel */
     c_sd_0 = c_sd_0 | (message << (3 * n_sd_0)); n_sd_0++
  :: else -> skip
  fi
}
inline pop_sd_0() { msg = c_sd_0 & 7; c_sd_0 = c_sd_0 >> 3; n_sd_0-- }
inline send_ds_0(message) {  /* lost unless both ends and their link are up */
  if
  :: UP(src) && UP(dst) && LINK(src, dst) ->
     assert(n_ds_0 < CAP);  /* spec section 2: no send finds a full channel */
     c_ds_0 = c_ds_0 | (message << (3 * n_ds_0)); n_ds_0++
  :: else -> skip
  fi
}
inline pop_ds_0() { msg = c_ds_0 & 7; c_ds_0 = c_ds_0 >> 3; n_ds_0-- }
inline empty_channels_0() {
  c_sd_0 = 0;
  n_sd_0 = 0;
  c_ds_0 = 0;
  n_ds_0 = 0
}
inline reset_progress_0() { pass_0 = 0; elapsed_0 = 0; qtime_0 = 0; dirty_0 = 0 }
inline src_cancel_0() {
  if :: INST(0, src) == I_QUIESCED -> set_inst_0(src, I_RUNNING) :: else -> skip fi;
  rs_0 = RS_CANCELING;
  reset_progress_0();
  send_sd_0(SD_CANCEL)
}
/* spec section 2: an episode with nothing left in flight ends */
inline normalise_0() {
  if
  :: EPISODE(0) && rs_0 == RS_NONE && n_sd_0 == 0 && n_ds_0 == 0 &&
     !AT_DST(inst_0_0) && !AT_DST(inst_0_1) ->
     cur_0 = 0; from_0 = 0; reset_progress_0(); img_ok_0 = 0
  :: else -> skip
  fi
}

/* The invariants of spec section 4, each behind its switch. */
inline check_invariants() {
  skip
#ifdef CHECK_SingleInstance
  ; SingleInstance = (((RUNS(inst_0_0) -> 1 : 0) + (RUNS(inst_0_1) -> 1 : 0) <= 1));
  assert(SingleInstance)
#endif
#ifdef CHECK_OwnerRuns
  ; OwnerRuns = ((!RUNS(inst_0_0) || own_0 == 0) &&
     (!RUNS(inst_0_1) || own_0 == 1));
  assert(OwnerRuns)
#endif
#ifdef CHECK_NoLostGuest
  ; NoLostGuest = ((lost_0 || RUNS(inst_0_0) || (inst_0_0 == I_READY && own_0 == 0) || RUNS(inst_0_1) || (inst_0_1 == I_READY && own_0 == 1)));
  assert(NoLostGuest)
#endif
#ifdef CHECK_ImageIntegrity
  ; ImageIntegrity = (!bad_image_0);
  assert(ImageIntegrity)
#endif
#ifdef CHECK_EligibleAtCommit
  ; EligibleAtCommit = (!bad_commit_0);
  assert(EligibleAtCommit)
#endif
#ifdef CHECK_QuiesceBound
  ; QuiesceBound = ((!EPISODE(0) || MAXQ_0 == 0 || qtime_0 < MAXQ_0));
  assert(QuiesceBound)
#endif
#ifdef CHECK_Capacity
  ; Capacity = (USED_0 <= 8 &&
     USED_1 <= 8);
  assert(Capacity)
#endif
#ifdef CHECK_NoOrphanShadow
  ; NoOrphanShadow = ((!AT_DST(inst_0_0) || (EPISODE(0) && (rs_0 != RS_NONE || n_sd_0 != 0 || n_ds_0 != 0 || !UP(SRC(0)) || !LINK(SRC(0), 0)))) &&
     (!AT_DST(inst_0_1) || (EPISODE(0) && (rs_0 != RS_NONE || n_sd_0 != 0 || n_ds_0 != 0 || !UP(SRC(0)) || !LINK(SRC(0), 1)))));
  assert(NoOrphanShadow)
#endif
#ifdef CHECK_ResumedOnSource
  ; ResumedOnSource = (((rs_0 != RS_NONE && rs_0 != RS_CANCELING) || (inst_0_0 != I_QUIESCED && inst_0_1 != I_QUIESCED &&
      (!EPISODE(0) || own_0 != SRC(0) || !UP(SRC(0)) || INST(0, SRC(0)) == I_RUNNING))));
  assert(ResumedOnSource)
#endif
}

active proctype lgr()
{
end_loop:
  do
  /* action 0: Move LGRLIN21 GDLLCPX1 (request 1) */
  :: d_step { moves_left > 0 && rs_0 == RS_NONE && !EPISODE(0) && INST(0, own_0) == I_RUNNING &&
              own_0 != 0 && STABLE && !inelig_0 && (2 + RESERVED_0 <= 8 && 3 + RESERVED_0 <= 8) ->
       moves_left--;
       cur_0 = 1;
       from_0 = own_0 + 1;
       rs_0 = RS_INIT;
       reset_progress_0();
       dirty_0 = 1;
       img_ok_0 = 0;
       src = own_0; dst = 0;
       send_sd_0(SD_CREATE);
       normalise_0();
       check_invariants()
     }
  /* action 1: CancelAtSrc LGRLIN21 */
  :: d_step { cancels_left > 0 && ACTIVE(0) ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       src_cancel_0();
       normalise_0();
       check_invariants()
     }
  /* action 2: Cphx LGRLIN21 */
  :: d_step { cancels_left > 0 && ACTIVE(0) && SYNC_0 ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       src_cancel_0();
       normalise_0();
       check_invariants()
     }
  /* action 3: CancelAtDst LGRLIN21 */
  :: d_step { cancels_left > 0 && EPISODE(0) && AT_DST(INST(0, DST_0)) && UP(SRC(0)) && LINK(SRC(0), DST_0) ->
       cancels_left--;
       src = SRC(0); dst = DST_0;
       send_ds_0(DS_CANCEL_REQ);
       normalise_0();
       check_invariants()
     }
  /* action 4: GuestWrites LGRLIN21 */
  :: d_step { rs_0 == RS_MEMORY && INST(0, SRC(0)) == I_RUNNING && !dirty_0 ->
       dirty_0 = 1;
       normalise_0();
       check_invariants()
     }
  /* action 5: GuestBecomesIneligible LGRLIN21 */
  :: d_step { elig_left > 0 && !inelig_0 && (inst_0_0 == I_RUNNING || inst_0_1 == I_RUNNING) ->
       elig_left--;
       inelig_0 = 1;
       normalise_0();
       check_invariants()
     }
  /* action 6: GuestBecomesEligible LGRLIN21 */
  :: d_step { elig_left > 0 && inelig_0 && (inst_0_0 == I_RUNNING || inst_0_1 == I_RUNNING) ->
       elig_left--;
       inelig_0 = 0;
       normalise_0();
       check_invariants()
     }
  /* action 7: SrcReceive LGRLIN21 */
  :: d_step { n_ds_0 > 0 ->
       src = SRC(0); dst = DST_0;
       pop_ds_0();
       if
       :: msg == DS_CREATED ->
          if
          :: rs_0 == RS_INIT && inelig_0 -> src_cancel_0()
          :: rs_0 == RS_INIT && !inelig_0 ->
             rs_0 = RS_MEMORY; pass_0 = 1; dirty_0 = 0; send_sd_0(SD_MEM)
          :: else -> skip
          fi
       :: msg == DS_REFUSED -> if :: rs_0 == RS_INIT -> rs_0 = RS_NONE :: else -> skip fi
       :: msg == DS_ACK_STATE ->  /* commit */
          if
          :: rs_0 == RS_STATE_SENT ->
             bad_commit_0 = bad_commit_0 || inelig_0; own_0 = dst;
             set_inst_0(src, I_NONE); rs_0 = RS_NONE; send_sd_0(SD_RESUME)
          :: else -> skip
          fi
       :: msg == DS_CANCEL_REQ -> if :: ACTIVE(0) -> src_cancel_0() :: else -> skip fi
       :: msg == DS_CANCEL_ACK -> if :: rs_0 == RS_CANCELING -> rs_0 = RS_NONE :: else -> skip fi
       :: else -> assert(0)  /* corrupt channel */
       fi;
       normalise_0();
       check_invariants()
     }
  /* action 8: SrcNextPass LGRLIN21 */
  :: d_step { rs_0 == RS_MEMORY && dirty_0 && pass_0 < PASSES && !IMMEDIATE_0 ->
       src = SRC(0); dst = DST_0;
       if :: inelig_0 -> src_cancel_0() :: else -> pass_0++; dirty_0 = 0; send_sd_0(SD_MEM) fi;
       normalise_0();
       check_invariants()
     }
  /* action 9: SrcQuiesce LGRLIN21 */
  :: d_step { rs_0 == RS_MEMORY && (!dirty_0 || pass_0 == PASSES || IMMEDIATE_0) ->
       set_inst_0(SRC(0), I_QUIESCED);
       rs_0 = RS_QUIESCED;
       normalise_0();
       check_invariants()
     }
  /* action 10: SrcFinalCheck LGRLIN21 */
  :: d_step { rs_0 == RS_QUIESCED ->
       src = SRC(0); dst = DST_0;
       if :: inelig_0 -> src_cancel_0() :: else -> send_sd_0(SD_STATE_FULL); dirty_0 = 0; rs_0 = RS_STATE_SENT fi;
       normalise_0();
       check_invariants()
     }
  /* action 11: SrcDetectPeerDown LGRLIN21 */
  :: d_step { rs_0 != RS_NONE && UP(SRC(0)) && (!UP(DST_0) || !LINK(SRC(0), DST_0)) ->
       src = SRC(0); dst = DST_0;
       if :: rs_0 != RS_CANCELING && INST(0, src) == I_QUIESCED -> set_inst_0(src, I_RUNNING) :: else -> skip fi;
       rs_0 = RS_NONE;
       reset_progress_0();
       normalise_0();
       check_invariants()
     }
  /* action 12: DstReceive LGRLIN21 */
  :: d_step { n_sd_0 > 0 ->
       src = SRC(0); dst = DST_0;
       pop_sd_0();
       if
       :: msg == SD_CREATE ->
          if :: (2 + RESERVED_0 <= 8 && 3 + RESERVED_0 <= 8) -> set_inst_0(dst, I_SHADOW); send_ds_0(DS_CREATED) :: else -> send_ds_0(DS_REFUSED) fi
       :: msg == SD_MEM -> skip
       :: msg == SD_STATE_PARTIAL || msg == SD_STATE_FULL ->
          if
          :: INST(0, dst) == I_SHADOW ->
             set_inst_0(dst, I_READY); img_ok_0 = (msg == SD_STATE_FULL); send_ds_0(DS_ACK_STATE)
          :: else -> skip
          fi
       :: msg == SD_RESUME ->
          if :: INST(0, dst) == I_READY -> bad_image_0 = bad_image_0 || !img_ok_0; set_inst_0(dst, I_RUNNING) :: else -> skip fi
       :: msg == SD_CANCEL ->
          if :: AT_DST(INST(0, dst)) -> set_inst_0(dst, I_NONE) :: else -> skip fi;
          send_ds_0(DS_CANCEL_ACK)
       :: else -> assert(0)  /* corrupt channel */
       fi;
       normalise_0();
       check_invariants()
     }
  /* action 13: DstDetectPeerDown LGRLIN21 */
  :: d_step { EPISODE(0) && AT_DST(INST(0, DST_0)) && UP(DST_0) && (!UP(SRC(0)) || !LINK(SRC(0), DST_0)) ->
       src = SRC(0); dst = DST_0;
       if :: own_0 == dst -> bad_image_0 = bad_image_0 || !img_ok_0; set_inst_0(dst, I_RUNNING) :: else -> set_inst_0(dst, I_NONE) fi;
       normalise_0();
       check_invariants()
     }
  /* action 14: MemberFails GDLLCPX1 */
  :: d_step { mfail_left > 0 && up_0 ->
       up_0 = 0;
       mfail_left--;
       if :: RUNS(inst_0_0) || (inst_0_0 == I_READY && own_0 == 0) -> lost_0 = 1 :: else -> skip fi;
       inst_0_0 = I_NONE;
       if :: EPISODE(0) && SRC(0) == 0 -> rs_0 = RS_NONE; reset_progress_0() :: else -> skip fi;
       if :: EPISODE(0) && (SRC(0) == 0 || DST_0 == 0) -> empty_channels_0() :: else -> skip fi;
       normalise_0();
       check_invariants()
     }
  /* action 15: MemberFails GDLLCPX2 */
  :: d_step { mfail_left > 0 && up_1 ->
       up_1 = 0;
       mfail_left--;
       if :: RUNS(inst_0_1) || (inst_0_1 == I_READY && own_0 == 1) -> lost_0 = 1 :: else -> skip fi;
       inst_0_1 = I_NONE;
       if :: EPISODE(0) && SRC(0) == 1 -> rs_0 = RS_NONE; reset_progress_0() :: else -> skip fi;
       if :: EPISODE(0) && (SRC(0) == 1 || DST_0 == 1) -> empty_channels_0() :: else -> skip fi;
       normalise_0();
       check_invariants()
     }
  /* action 16: LinkFails GDLLCPX1 GDLLCPX2 */
  :: d_step { lfail_left > 0 && link_0 ->
       link_0 = 0;
       lfail_left--;
       if :: EPISODE(0) && ((SRC(0) == 0 && DST_0 == 1) || (SRC(0) == 1 && DST_0 == 0)) -> empty_channels_0() :: else -> skip fi;
       normalise_0();
       check_invariants()
     }
  /* action 17: Tick */
  :: d_step { ((EPISODE(0) && ((ACTIVE(0) && MAXT_0 > 0) || ((rs_0 == RS_QUIESCED || rs_0 == RS_STATE_SENT) && MAXQ_0 > 0)))) ->
       if
       :: (EPISODE(0) && ((ACTIVE(0) && MAXT_0 > 0) || ((rs_0 == RS_QUIESCED || rs_0 == RS_STATE_SENT) && MAXQ_0 > 0))) ->
          src = SRC(0); dst = DST_0;
          if :: MAXT_0 > 0 -> elapsed_0++ :: else -> skip fi;
          if :: MAXQ_0 > 0 && INST(0, src) == I_QUIESCED -> qtime_0++ :: else -> skip fi;
          if :: (MAXT_0 > 0 && elapsed_0 >= MAXT_0) || (MAXQ_0 > 0 && qtime_0 >= MAXQ_0) -> src_cancel_0() :: else -> skip fi
       :: else -> skip
       fi;
       normalise_0();
       check_invariants()
     }
#ifdef CHECK_NoDeadlock
  /* no action enabled: a deadlock unless no relocation is in progress */
  :: d_step { else -> NoDeadlock = (!EPISODE(0)); assert(NoDeadlock) }
#endif
  od
}
